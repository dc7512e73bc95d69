/**
 * `npm run bench`: the numbers behind the project's claims, in one table. The last line is one
 * JSON object {bundleBytes, initRatio, diagnosisRatio, awsCalls, endToEndMs, accuracy}.
 */
import { measureAccuracy } from '../functions/classifier/accuracy';
import { loadDevCases } from '../test/fixtures/classifier/cases';
import { benchDiagnose } from './bench-diagnose';
import { measureBundle } from './bench/bundle';
import { measureEndToEnd } from './bench/end-to-end';
import { startResponderSandbox } from './sandbox/responder-sandbox';

interface Row {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function table(rows: readonly Row[]): string {
  const header: Row = { figure: 'figure', value: 'measured', target: 'target', met: true };
  const width = (key: 'figure' | 'value' | 'target') => Math.max(...[header, ...rows].map((r) => r[key].length));
  const line = (r: Row, status: string) =>
    `${r.figure.padEnd(width('figure'))}  ${r.value.padStart(width('value'))}  ${r.target.padEnd(width('target'))}  ${status}`;
  return [line(header, 'met'), ...rows.map((r) => line(r, r.met ? 'yes' : 'NO'))].join('\n');
}

async function main(): Promise<number> {
  log('1/4 bundling the responder and timing module initialisation…');
  const bundle = await measureBundle();
  log('2/4 starting the emulator and the responder sandbox…');
  const sandbox = await startResponderSandbox({ log });
  try {
    log('3/4 diagnosis with 150 ms injected per AWS call; end to end at zero injected latency…');
    const diagnosis = await benchDiagnose({ endpoint: sandbox.endpoint, latencyMs: 150, log });
    const e2e = await measureEndToEnd(sandbox);
    log('4/4 classifier accuracy on the development corpus…');
    // Only the dev corpus is reported here: the field splits are bench:accuracy's.
    const accuracy = measureAccuracy(loadDevCases());
    const rows: Row[] = [
      {
        figure: 'responder bundle (minified)',
        value: `${(bundle.bundleBytes / 1e6).toFixed(3)} MB`,
        target: '≤ 1.0 MB',
        met: bundle.bundleBytes <= 1e6,
      },
      {
        figure: 'module init / bare node (median)',
        value: `${bundle.initRatio.toFixed(2)}x (${bundle.initMs.toFixed(0)}/${bundle.bareNodeMs.toFixed(0)} ms)`,
        target: '≤ 3x',
        met: bundle.initRatio <= 3,
      },
      {
        figure: 'diagnosis wall / slowest probe',
        value: `${diagnosis.ratio.toFixed(2)}x (${diagnosis.wallMs}/${diagnosis.slowestProbeMs} ms)`,
        target: '≤ 1.25x',
        met: diagnosis.ratio <= 1.25,
      },
      {
        figure: 'AWS calls per diagnosis',
        value: String(diagnosis.awsCalls),
        target: '≤ 25',
        met: diagnosis.awsCalls <= 25,
      },
      {
        figure: 'SNS publish → Slack summary (median)',
        value: `${e2e.endToEndMs} ms`,
        target: '≤ 2000 ms',
        met: e2e.endToEndMs <= 2000,
      },
      {
        figure: 'classifier accuracy (dev corpus)',
        value: `${accuracy.correct}/${accuracy.cases}`,
        target: 'all',
        met: accuracy.correct === accuracy.cases,
      },
    ];
    process.stdout.write(`${table(rows)}\n`);
    process.stdout.write(
      `${JSON.stringify({
        bundleBytes: bundle.bundleBytes,
        initRatio: Number(bundle.initRatio.toFixed(3)),
        diagnosisRatio: diagnosis.ratio,
        awsCalls: diagnosis.awsCalls,
        endToEndMs: e2e.endToEndMs,
        accuracy: accuracy.accuracy,
      })}\n`,
    );
    return 0;
  } finally {
    await sandbox.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
