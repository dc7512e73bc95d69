/**
 * End-to-end latency on the emulator at zero injected latency: from the SNS Publish call to the
 * Slack stand-in receiving the summary, through the real subscription, handler, diagnosis
 * (all probes against moto), classifier and notifier. Median of several incidents.
 */
import type { ResponderSandbox } from '../sandbox/responder-sandbox';
import { seedScenario } from '../sandbox/seed';

export interface EndToEndFigures {
  readonly endToEndMs: number;
  readonly runsMs: readonly number[];
}

async function waitForSlackMessages(sandbox: ResponderSandbox, count: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (sandbox.destinations.slackMessages().length < count) {
    if (Date.now() > until) throw new Error(`Slack received no summary within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Times `runs` separate incidents (a fresh API each, so none is grouped with another). */
export async function measureEndToEnd(sandbox: ResponderSandbox, runs = 5): Promise<EndToEndFigures> {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const seeded = await seedScenario(sandbox.endpoint, 'integration-timeout', {
      apiName: `bench-e2e-${i}-${Date.now()}`,
    });
    const spec = { api: seeded.apiName, stage: seeded.stage, time: seeded.stateChangeTime };
    // The alarm exists in CloudWatch before it notifies: not part of the measured path.
    await sandbox.prepareAlarm(spec);
    const before = sandbox.destinations.slackMessages().length;
    const published = performance.now();
    await sandbox.publishAlarm(spec, { prepared: true });
    await waitForSlackMessages(sandbox, before + 1, 60_000);
    runsMs.push(Math.round(performance.now() - published));
    await sandbox.adapter.settled();
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { endToEndMs: sorted[Math.floor(sorted.length / 2)] ?? 0, runsMs };
}
