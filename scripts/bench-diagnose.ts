/**
 * `npm run bench:diagnose`: the engine against the emulator with a fixed latency injected into
 * every AWS call attempt, on a seeded one-backend REST API. Prints wall time, slowest probe, their
 * ratio and AWS calls per diagnosis; the last line is one JSON object with those four numbers.
 * Targets: ratio ≤ 1.25 (the engine is bound by its critical path) and ≤ 25 AWS calls.
 */
import { createAwsClients } from '../functions/diagnosis/clients';
import { runDiagnosis } from '../functions/diagnosis/engine';
import { latencyPlugin } from '../functions/diagnosis/recording';
import { SANDBOX_ENDPOINT_ENV, SANDBOX_REGION } from './sandbox/env';
import { startMoto } from './sandbox/moto';
import { seedScenario } from './sandbox/seed';
import type { ScenarioName } from './sandbox/seed';

export interface DiagnoseBenchResult {
  readonly wallMs: number;
  readonly slowestProbeMs: number;
  readonly slowestProbe: string;
  readonly ratio: number;
  readonly awsCalls: number;
}

export interface DiagnoseBenchOptions {
  /** An emulator already running; otherwise one is started and stopped. */
  readonly endpoint?: string;
  /** Latency added to every AWS call attempt. @default 150 */
  readonly latencyMs?: number;
  /** Runs; the median run (by wall time) is reported. @default 3 */
  readonly runs?: number;
  /** @default integration-timeout */
  readonly scenario?: ScenarioName;
  readonly log?: (line: string) => void;
}

export async function benchDiagnose(options: DiagnoseBenchOptions = {}): Promise<DiagnoseBenchResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const moto = options.endpoint === undefined ? await startMoto() : undefined;
  const endpoint = options.endpoint ?? moto?.endpoint ?? '';
  const latencyMs = options.latencyMs ?? 150;
  try {
    const seeded = await seedScenario(endpoint, options.scenario ?? 'integration-timeout');
    const results: DiagnoseBenchResult[] = [];
    for (let run = 0; run < (options.runs ?? 3); run += 1) {
      const clients = createAwsClients({
        region: SANDBOX_REGION,
        endpoint,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        // The emulator answers some APIs with 5XX; one attempt keeps retries out of the measure.
        maxAttempts: 1,
        plugins: [latencyPlugin(() => latencyMs)],
      });
      const diagnosis = await runDiagnosis(seeded.incident, { deadline: Date.now() + 30_000, clients });
      const slowest = diagnosis.probes.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
      const awsCalls = diagnosis.probes.reduce((n, p) => n + p.awsCalls.length, 0);
      const result: DiagnoseBenchResult = {
        wallMs: diagnosis.durationMs,
        slowestProbeMs: slowest.durationMs,
        slowestProbe: slowest.probe,
        ratio: Math.round((100 * diagnosis.durationMs) / Math.max(1, slowest.durationMs)) / 100,
        awsCalls,
      };
      log(
        `run ${run + 1}: wall ${result.wallMs} ms, slowest probe ${result.slowestProbe} ${result.slowestProbeMs} ms, ratio ${result.ratio}, ${awsCalls} AWS calls`,
      );
      if (run === 0) {
        for (const p of diagnosis.probes) {
          log(
            `  ${p.probe.padEnd(15)} ${p.status.padEnd(9)} ${String(p.durationMs).padStart(5)} ms  ${p.awsCalls.join(', ')}`,
          );
        }
      }
      results.push(result);
    }
    const sorted = [...results].sort((a, b) => a.wallMs - b.wallMs);
    const median = sorted[Math.floor(sorted.length / 2)] ?? sorted[0];
    if (median === undefined) throw new Error('no runs');
    return median;
  } finally {
    await moto?.stop();
  }
}

async function main(): Promise<void> {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 150);
  const endpoint = process.env[SANDBOX_ENDPOINT_ENV];
  const result = await benchDiagnose({ latencyMs, ...(endpoint === undefined ? {} : { endpoint }) });
  process.stdout.write(
    `injected latency ${latencyMs} ms per AWS call; wall ${result.wallMs} ms, slowest probe ${result.slowestProbe} ${result.slowestProbeMs} ms, ratio ${result.ratio} (target ≤ 1.25), ${result.awsCalls} AWS calls (target ≤ 25)\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ wallMs: result.wallMs, slowestProbeMs: result.slowestProbeMs, ratio: result.ratio, awsCalls: result.awsCalls })}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench-diagnose: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
