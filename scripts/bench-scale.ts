/**
 * `npm run bench:scale`: the real `apigw-responder diagnose` against the emulator seeded with N
 * lines per log group (failures at the end of the window) and 1, 50 or 200 backends. Each case
 * runs live with --record, then again with --replay (no network): the replay's time is the
 * project's own, the difference is the emulator's. Prints one row per case and, last, one JSON
 * line with every row.
 *
 * The emulator's FilterLogEvents scans the whole group for every page and ignores OR, JSON and
 * space-delimited patterns, so at 100,000+ lines the live run gets a longer deadline
 * (BENCH_SCALE_LIVE_TIMEOUT, default 600s) and the project is judged on the replay with the
 * normal 25 s deadline.
 *
 * BENCH_SCALE_CASES picks cases: "1000:0.01:1,10000:0.001:50" (lines:fraction:backends).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnosis, LogCoverage } from '../functions/types';
import { seedScale } from './bench/scale-seed';
import type { ScaleCase } from './bench/scale-seed';
import { SANDBOX_REGION } from './sandbox/env';
import { startMoto } from './sandbox/moto';
import { FAILING_MINUTES, LOGGED_FAILURES } from './sandbox/scenario-traffic';

const CLI = resolve(__dirname, '..', 'bin', 'apigw-responder.cjs');
const DEADLINE_S = 25;

export const DEFAULT_CASES: readonly ScaleCase[] = [
  ...[1_000, 10_000, 100_000, 1_000_000].flatMap((lines) =>
    [0.01, 0.001].map((failureFraction) => ({ lines, failureFraction, backends: 1 })),
  ),
  { lines: 10_000, failureFraction: 0.01, backends: 50 },
  { lines: 10_000, failureFraction: 0.01, backends: 200 },
];

interface Run {
  readonly wallS: number;
  readonly maxRssMb: number;
  readonly output: (Diagnosis & { classification?: { class: string; confidence: number } }) | undefined;
  readonly stderr: string;
}

function runCli(args: readonly string[], endpoint: string): Run {
  const result = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', process.execPath, CLI, 'diagnose', ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: SANDBOX_REGION,
      AWS_ENDPOINT_URL: endpoint,
    },
  });
  const time = /__TIME__ ([\d.]+) (\d+)/.exec(result.stderr);
  let output: Run['output'];
  try {
    output = JSON.parse(result.stdout) as Run['output'];
  } catch {
    output = undefined;
  }
  return {
    wallS: Number(time?.[1] ?? Number.NaN),
    maxRssMb: Math.round(Number(time?.[2] ?? Number.NaN) / 1024),
    output,
    stderr: result.stderr,
  };
}

export interface ScaleRow {
  readonly lines: number;
  readonly failureFraction: number;
  readonly backends: number;
  readonly seedS: number;
  readonly liveDeadlineS: number;
  readonly liveWallS: number;
  readonly liveDiagnosisS: number;
  readonly replayWallS: number;
  readonly replayDiagnosisS: number;
  readonly emulatorSharePct: number;
  readonly awsCalls: number;
  readonly peakRssMb: number;
  readonly liveRssMb: number;
  readonly recordingRssMb: number;
  readonly replayRssMb: number;
  readonly class: string;
  readonly confidence: number;
  readonly failingFound: number;
  readonly failingSeeded: number;
  readonly quoted: boolean;
  readonly sampled: boolean;
  readonly couldNotCheckOwnLimits: number;
  readonly withinDeadline: boolean;
}

function accessCoverage(d: Diagnosis | undefined): LogCoverage | undefined {
  return d?.probes.find((p) => p.probe === 'access-logs')?.coverage?.[0];
}

async function runCase(c: ScaleCase, log: (line: string) => void): Promise<ScaleRow> {
  const moto = await startMoto({ log: () => undefined });
  try {
    log(`case ${c.lines} lines, ${c.failureFraction * 100}% failing, ${c.backends} backend(s): seeding…`);
    const seeded = await seedScale(moto.endpoint, c, log);
    log(`  seeded in ${(seeded.seedMs / 1000).toFixed(1)} s (${seeded.putLogEventsCalls} PutLogEvents calls)`);
    const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
    const recording = join(dir, 'recording.json');
    const liveDeadlineS = c.lines >= 100_000 ? Number(process.env.BENCH_SCALE_LIVE_TIMEOUT ?? 600) : DEADLINE_S;
    const { window, apiName, stage } = seeded.seeded;
    const common = ['--api', apiName, '--stage', stage, '--from', window.start, '--to', window.end, '--json'];
    log(`  live run (deadline ${liveDeadlineS} s, recording)…`);
    const liveFlags = [
      ...common,
      '--timeout',
      `${liveDeadlineS}s`,
      '--probe-timeout',
      `${liveDeadlineS - 5}s`,
      // The emulator scans the whole group for every page: at a million lines one page takes
      // longer than the normal 10 s request timeout.
      '--request-timeout',
      `${liveDeadlineS === DEADLINE_S ? 10 : 180}s`,
    ];
    const live = runCli([...liveFlags, '--record', recording], moto.endpoint);
    // The same run without the recorder (which keeps every response body): the memory a user sees.
    log('  live run without recording (memory)…');
    const plain = runCli(liveFlags, moto.endpoint);
    log(`  replay (deadline ${DEADLINE_S} s, no network)…`);
    const replay = runCli(['--replay', recording, '--json', '--timeout', `${DEADLINE_S}s`], moto.endpoint);
    const d = replay.output ?? live.output;
    if (d === undefined) throw new Error(`diagnose printed no JSON:\n${live.stderr.slice(-2000)}`);
    const coverage = accessCoverage(d);
    const awsCalls = d.probes.reduce((n, p) => n + p.awsCalls.length, 0);
    const ownLimits = d.findings.filter(
      (f) => f.type === 'could-not-check' && /TimeoutError|socket|EMFILE|ECONNRESET|timed out/i.test(f.why),
    ).length;
    const quoted = d.findings.some(
      (f) =>
        f.type === 'log-template' &&
        f.requestIds.length > 0 &&
        (f.source === 'execution-log' || f.source === 'access-log'),
    );
    const liveDiagnosisS = (live.output?.durationMs ?? Number.NaN) / 1000;
    const replayDiagnosisS = (replay.output?.durationMs ?? Number.NaN) / 1000;
    return {
      ...c,
      seedS: Math.round(seeded.seedMs / 100) / 10,
      liveDeadlineS,
      liveWallS: live.wallS,
      liveDiagnosisS,
      replayWallS: replay.wallS,
      replayDiagnosisS,
      emulatorSharePct: Math.round(
        (100 * Math.max(0, liveDiagnosisS - replayDiagnosisS)) / Math.max(0.001, liveDiagnosisS),
      ),
      awsCalls,
      peakRssMb: plain.maxRssMb,
      liveRssMb: plain.maxRssMb,
      recordingRssMb: live.maxRssMb,
      replayRssMb: replay.maxRssMb,
      class: d.classification?.class ?? '?',
      confidence: d.classification?.confidence ?? 0,
      failingFound: coverage?.failingLines ?? 0,
      // The bench's failing requests plus the scenario's own (a few per failing minute).
      failingSeeded: seeded.failingRequests + LOGGED_FAILURES * FAILING_MINUTES,
      quoted,
      sampled: d.probes.some((p) => (p.coverage ?? []).some((cv) => cv.mode === 'sample')),
      couldNotCheckOwnLimits: ownLimits,
      withinDeadline: live.wallS <= liveDeadlineS + 1 + 2 && replay.wallS <= DEADLINE_S + 1 + 2,
    };
  } finally {
    await moto.stop();
  }
}

function parseCases(spec: string | undefined): readonly ScaleCase[] {
  if (spec === undefined || spec.trim() === '') return DEFAULT_CASES;
  return spec.split(',').map((part) => {
    const [lines, fraction, backends] = part.split(':').map(Number);
    if (!Number.isFinite(lines) || !Number.isFinite(fraction)) throw new Error(`bad case "${part}"`);
    return { lines: lines ?? 1000, failureFraction: fraction ?? 0.01, backends: backends ?? 1 };
  });
}

export function tableOf(rows: readonly ScaleRow[]): string {
  const header = [
    'N lines',
    'fail',
    'backends',
    'wall s (live)',
    'project s (replay)',
    'emulator share',
    'AWS calls',
    'peak RSS MB (recording / replay)',
    'class, confidence',
    'failing found / seeded',
    'quoted',
    'within deadline+1s',
  ];
  const body = rows.map((r) => [
    r.lines.toLocaleString('en-US'),
    `${r.failureFraction * 100}%`,
    String(r.backends),
    `${r.liveDiagnosisS.toFixed(1)}${r.liveDeadlineS === DEADLINE_S ? '' : ` (deadline ${r.liveDeadlineS})`}`,
    r.replayDiagnosisS.toFixed(2),
    `${r.emulatorSharePct}%`,
    String(r.awsCalls),
    `${r.liveRssMb} (${r.recordingRssMb} / ${r.replayRssMb})`,
    `${r.class} ${r.confidence.toFixed(2)}`,
    `${r.failingFound.toLocaleString('en-US')} / ${r.failingSeeded.toLocaleString('en-US')}${r.sampled ? ' (sample)' : ''}`,
    r.quoted ? 'yes' : 'NO',
    r.withinDeadline ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const cases = parseCases(process.env.BENCH_SCALE_CASES);
  const rows: ScaleRow[] = [];
  for (const c of cases) {
    const row = await runCase(c, log);
    log(`  → ${JSON.stringify(row)}`);
    rows.push(row);
  }
  process.stdout.write(`${tableOf(rows)}\n`);
  const met = rows.every(
    (r) =>
      r.confidence >= 0.9 &&
      r.quoted &&
      r.peakRssMb <= 200 &&
      r.awsCalls <= (r.backends === 1 ? 40 : 80) &&
      r.couldNotCheckOwnLimits === 0 &&
      r.withinDeadline,
  );
  process.stdout.write(`${JSON.stringify({ met, rows })}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench-scale: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
