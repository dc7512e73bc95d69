/** Bounded fan-out: ranking backends, batching metric queries, bounding concurrency. */
import { functionMetrics, rankBackends } from '../../../functions/diagnosis/backend-ranking';
import type { AwsClients } from '../../../functions/diagnosis/clients';
import { createLimiter, mapLimited } from '../../../functions/diagnosis/concurrency';
import type { Incident } from '../../../functions/types';

const incident = {
  window: { start: '2024-05-01T10:15:00Z', end: '2024-05-01T10:30:00Z' },
} as Incident;

describe('rankBackends', () => {
  const fns = Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, role: 'integration' as const }));
  it('deep-dives the most failing first, then the slowest, then model order; the rest is summarised', () => {
    const metrics = new Map([
      ['f5', { errors: 3 }],
      ['f6', { throttles: 9 }],
      ['f2', { durationMaxMs: 34_000 }],
    ]);
    const ranked = rankBackends(fns, metrics, 4);
    expect(ranked.deepDive.map((f) => f.name)).toEqual(['f6', 'f5', 'f2', 'f0']);
    expect(ranked.rest.map((f) => f.name)).toEqual(['f1', 'f3', 'f4', 'f7']);
  });
});

describe('functionMetrics', () => {
  it('asks for 200 functions x 5 series in two GetMetricData calls of at most 500 queries', async () => {
    const sizes: number[] = [];
    const cloudWatch = {
      send: (command: { input: { MetricDataQueries: { Id: string }[] } }) => {
        sizes.push(command.input.MetricDataQueries.length);
        return Promise.resolve({
          MetricDataResults: command.input.MetricDataQueries.map((q) => ({ Id: q.Id, Values: [1, 2] })),
        });
      },
    };
    const names = Array.from({ length: 200 }, (_, i) => `fn${i}`);
    const out = await functionMetrics({ cloudWatch } as unknown as AwsClients, incident, names);
    expect(sizes).toEqual([500, 500]);
    expect(out.get('fn199')).toEqual({
      errors: 3,
      throttles: 3,
      durationMaxMs: 2,
      concurrentExecutionsMax: 2,
      invocations: 3,
    });
  });
});

describe('concurrency', () => {
  it('never runs more than the limit at once, and a queued task gives up when its signal aborts', async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 20 }, () => limiter.run(task)));
    expect(peak).toBe(3);

    const blocker = createLimiter(1);
    const hold = blocker.run(() => new Promise((r) => setTimeout(r, 200)));
    const controller = new AbortController();
    const queued = blocker.run(() => Promise.resolve('ran'), controller.signal);
    controller.abort(new Error('deadline'));
    await expect(queued).rejects.toThrow('deadline');
    await hold;
  });

  it('mapLimited keeps the input order', async () => {
    const out = await mapLimited([30, 10, 20], 2, async (ms, i) => {
      await new Promise((r) => setTimeout(r, ms));
      return i;
    });
    expect(out).toEqual([0, 1, 2]);
  });
});
