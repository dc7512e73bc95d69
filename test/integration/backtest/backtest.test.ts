/**
 * `apigw-responder backtest` end to end against the emulator: two weeks of seeded metrics for a
 * REST and an HTTP API (scripts/sandbox/seed-history.ts lists what was seeded), the real CLI in a
 * child process. The expected figures are counted by hand from the seeded failures with the
 * default thresholds (1-minute periods, 2 of 3, 5XX count >= 10, 5XX rate > 5 % with >= 20 requests,
 * p99 Latency > 5000 ms):
 *
 * REST backtest-orders-api/prod (100 requests/min)
 *   burst 1, 10 min of 30 5XX: count and rate breach from its first minute, ALARM at the end of
 *     the second (delay 2), OK once two of the last three minutes are clean: 10 min in ALARM.
 *   single bad minute (40 5XX): 1 of 3, no alarm, and no burst (one minute).
 *   burst 2, 8 min of 6 5XX (6 %): under the count threshold (missed), over the rate threshold
 *     (delay 2, 8 min in ALARM).
 *   => 5xx-count fired 1, 10 min; 5xx-rate fired 2, 18 min.
 * HTTP bthist0001/$default (40 requests/min)
 *   burst, 5 min of 12 5xx (30 %): count and rate fire once, delay 2, 5 min in ALARM.
 *   4 min of Latency 8000 ms: p99-latency fires once, 4 min in ALARM (Maximum stands in for p99:
 *     the emulator computes no percentiles).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { requireSandboxEndpoint, sandboxClientConfig } from '../../../scripts/sandbox/env';
import { historyDayStart, seedHistory } from '../../../scripts/sandbox/seed-history';

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'bin', 'apigw-responder.cjs');
const CONFIG = join(ROOT, 'test', 'fixtures', 'backtest', 'config.ts');

function backtest(args: readonly string[], env: Record<string, string | undefined> = process.env) {
  const result = spawnSync(process.execPath, [CLI, 'backtest', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const EMULATOR = () => ['--endpoint-url', requireSandboxEndpoint(), '--slice-minutes', '60', '--no-percentiles'];

interface JsonSignal {
  readonly signal: string;
  readonly fired: number;
  readonly minutesInAlarm: number;
  readonly falseAlarms: number;
  readonly bursts: readonly { readonly onset: string; readonly delayMinutes?: number }[];
}
interface JsonStage {
  readonly ref: { readonly kind: string; readonly api: string; readonly stage: string };
  readonly bursts: readonly { readonly onset: string }[];
  readonly current: readonly JsonSignal[];
  readonly proposed?: readonly JsonSignal[];
  readonly suggestions: readonly string[];
}

describe('apigw-responder backtest on two weeks of seeded metrics', () => {
  const now = Date.now();
  let stages: readonly JsonStage[];

  beforeAll(async () => {
    const cloudWatch = new CloudWatchClient(sandboxClientConfig(requireSandboxEndpoint()));
    await seedHistory(cloudWatch, now);
    cloudWatch.destroy();
    const run = backtest(['--config', CONFIG, '--json', '--set', 'serverErrorCount.minErrors=5', ...EMULATOR()]);
    expect(run.stderr).toMatch(/GetMetricData metrics: call \d+\/\d+/);
    expect(run.status).toBe(0);
    stages = (JSON.parse(run.stdout) as { stages: JsonStage[] }).stages;
  }, 180_000);

  const signal = (stage: JsonStage | undefined, name: string, set: 'current' | 'proposed' = 'current') =>
    stage?.[set]?.find((s) => s.signal === name);

  it('counts what a hand count of the REST API gives', () => {
    const rest = stages.find((s) => s.ref.kind === 'REST');
    const onset = (day: number, hh: number, mm: number) =>
      new Date(historyDayStart(now, day) + (hh * 60 + mm) * 60_000).toISOString();
    expect(rest?.bursts.map((b) => b.onset)).toEqual([onset(3, 9, 30), onset(11, 9, 15)]);
    expect(signal(rest, 'serverErrorCount')).toMatchObject({ fired: 1, minutesInAlarm: 10, falseAlarms: 0 });
    expect(signal(rest, 'serverErrorCount')?.bursts.map((b) => b.delayMinutes)).toEqual([2, undefined]);
    expect(signal(rest, 'serverErrorRate')).toMatchObject({ fired: 2, minutesInAlarm: 18, falseAlarms: 0 });
    expect(signal(rest, 'serverErrorRate')?.bursts.map((b) => b.delayMinutes)).toEqual([2, 2]);
    expect(signal(rest, 'latencyP99')).toMatchObject({ fired: 0 });
    // The proposal (minErrors 5) catches the 6-per-minute burst the default misses.
    expect(signal(rest, 'serverErrorCount', 'proposed')?.bursts.map((b) => b.delayMinutes)).toEqual([2, 2]);
    expect(rest?.suggestions.join('\n')).toMatch(/5xx-count: the proposal dominates/);
  });

  it('counts what a hand count of the HTTP API gives', () => {
    const http = stages.find((s) => s.ref.kind === 'HTTP');
    expect(http?.bursts).toHaveLength(1);
    expect(signal(http, 'serverErrorCount')).toMatchObject({ fired: 1, minutesInAlarm: 5 });
    expect(signal(http, 'serverErrorRate')).toMatchObject({ fired: 1, minutesInAlarm: 5 });
    expect(signal(http, 'serverErrorRate')?.bursts.map((b) => b.delayMinutes)).toEqual([2]);
    expect(signal(http, 'latencyP99')).toMatchObject({ fired: 1, minutesInAlarm: 4 });
    expect(signal(http, 'integrationLatencyP99')).toMatchObject({ fired: 0 });
  });

  it('prints the table for people and writes one chart per stage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-chart-'));
    const run = backtest(['--config', CONFIG, '--api', 'backtest-orders-api', '--chart', dir, ...EMULATOR()]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Burst: a burst is a run of "bad" minutes/);
    expect(run.stdout).toMatch(/5xx-count\s+2 of 3 x 1 min\s+1\s+10 min\s+0\s+2m missed/);
    expect(run.stdout).not.toMatch(/catalog-http-api/);
    expect(readdirSync(dir)).toEqual(['REST-backtest-orders-api-prod.html']);
    const html = readFileSync(join(dir, 'REST-backtest-orders-api-prod.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html.match(/rgba\(220,40,40,0.30\)/g)?.length).toBe(3); // 1 count + 2 rate ALARM periods
  }, 120_000);

  it('fails naming the field when the config is broken', () => {
    const run = backtest(['--config', join(ROOT, 'test', 'fixtures', 'backtest', 'broken-config.ts'), ...EMULATOR()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('apis[0].stages[0].thresholds.serverErrorRate.maxPercent');
    expect(run.stdout).toBe('');
  });

  it('fails naming the setting when --set is wrong', () => {
    const run = backtest(['--config', CONFIG, '--set', 'serverErrorRate.maxPercnt=2', ...EMULATOR()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--set.serverErrorRate.maxPercnt: unknown setting');
  });

  it('says clearly that there are no credentials', () => {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
      delete env[key];
    env.AWS_SHARED_CREDENTIALS_FILE = join(tmpdir(), 'no-such-credentials');
    env.AWS_CONFIG_FILE = join(tmpdir(), 'no-such-config');
    env.AWS_EC2_METADATA_DISABLED = 'true';
    const run = backtest(['--config', CONFIG, ...EMULATOR()], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no usable AWS credentials/);
    expect(run.stderr).toMatch(/AWS_PROFILE/);
  });
});
