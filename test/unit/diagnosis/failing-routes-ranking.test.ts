/**
 * Ranking by the failing requests found in the logs: a backend that fails without being invoked
 * (API Gateway lacks the invoke permission, so the function has no errors and no invocations)
 * ranks first among 200, ahead of functions whose metrics show errors or long durations.
 */
import type { ApiModel, ModelIntegration } from '../../../functions/diagnosis/api-model';
import { loadBackendRanking } from '../../../functions/diagnosis/backend-ranking';
import type { AwsClients } from '../../../functions/diagnosis/clients';
import { createFailingRoutes, failingByFunction } from '../../../functions/diagnosis/failing-routes';
import type { Incident } from '../../../functions/types';

const incident = {
  window: { start: '2024-05-01T10:15:00Z', end: '2024-05-01T10:30:00Z' },
} as Incident;

function modelOf(integrations: ModelIntegration[], authorizers: ApiModel['authorizers'] = []): ApiModel {
  const names = [...integrations.map((i) => i.lambdaFunction), ...authorizers.map((a) => a.lambdaFunction)];
  return {
    kind: 'REST',
    id: 'a1',
    stage: { name: 'prod', methodThrottles: [] } as unknown as ApiModel['stage'],
    integrations,
    authorizers,
    vpcLinks: [],
    functions: [...new Set(names.filter((n): n is string => n !== undefined))].map((name) => ({
      name,
      role: integrations.some((i) => i.lambdaFunction === name) ? ('integration' as const) : ('authorizer' as const),
    })),
  };
}

const lambdaRoute = (route: string, fn: string, authorizerId?: string): ModelIntegration => ({
  route,
  type: 'AWS_PROXY',
  timeoutMs: 29_000,
  lambdaFunction: fn,
  ...(authorizerId === undefined ? {} : { authorizerId }),
});

// 200 backends: the failing one is `payments` behind POST /orders/{id}/pay, never invoked.
const routes200 = [
  ...Array.from({ length: 199 }, (_, i) => lambdaRoute(`GET /items${i}`, `items-${i}`)),
  lambdaRoute('POST /orders/{id}/pay', 'payments'),
];

/** CloudWatch answering for every function but `payments` (no datapoints: never invoked). */
function cloudWatchWithNoisyNeighbours(): Pick<AwsClients, 'cloudWatch'> {
  const send = (command: { input: { MetricDataQueries: { Id: string; MetricStat: unknown }[] } }) => {
    const results = command.input.MetricDataQueries.flatMap((q) => {
      const stat = q.MetricStat as { Metric: { MetricName: string; Dimensions: { Value: string }[] } };
      const fn = stat.Metric.Dimensions[0]?.Value ?? '';
      if (fn === 'payments') return [];
      const i = Number(fn.replace('items-', ''));
      const value: Record<string, number> = {
        Invocations: 500,
        // Ten noisy neighbours with a few errors, five with throttles, all with some duration.
        Errors: i < 10 ? 1 + (i % 3) : 0,
        Throttles: i >= 10 && i < 15 ? 2 : 0,
        Duration: 100 + i * 10,
        ConcurrentExecutions: 3,
      };
      return [{ Id: q.Id, Values: [value[stat.Metric.MetricName] ?? 0] }];
    });
    return Promise.resolve({ MetricDataResults: results });
  };
  return { cloudWatch: { send } as unknown as AwsClients['cloudWatch'] };
}

describe('failingByFunction', () => {
  it('maps logged routes (resource template, concrete path, stage-prefixed path) to the function behind them', () => {
    const model = modelOf(
      [
        lambdaRoute('POST /orders/{id}/pay', 'payments', 'auth1'),
        lambdaRoute('GET /orders', 'orders'),
        lambdaRoute('ANY /{proxy+}', 'catch-all'),
      ],
      [{ id: 'auth1', name: 'jwt', type: 'REQUEST', lambdaFunction: 'authorizer-fn' }],
    );
    const out = failingByFunction(
      model,
      new Map([
        ['POST /orders/{id}/pay', 3],
        ['POST /orders/42/pay', 4],
        ['POST /prod/orders/43/pay', 5],
        ['DELETE /anything/else', 2],
        ['GET /orders', 0],
      ]),
    );
    expect(out.get('payments')).toBe(12);
    expect(out.get('authorizer-fn')).toBe(12);
    expect(out.get('catch-all')).toBe(2);
    expect(out.get('orders')).toBe(0);
  });
});

describe('loadBackendRanking with failing routes', () => {
  const model = modelOf(routes200);
  const clients = cloudWatchWithNoisyNeighbours() as AwsClients;

  it('ranks the never-invoked function behind the failing route first among 200', async () => {
    const ranking = await loadBackendRanking(clients, incident, model, 5, () =>
      Promise.resolve(new Map([['POST /orders/17/pay', 40]])),
    );
    expect(ranking.deepDive.map((f) => f.name)[0]).toBe('payments');
    expect(ranking.deepDive).toHaveLength(5);
    expect(ranking.rest).toHaveLength(195);
    // Then the metrics: the throttled and erroring neighbours.
    expect(ranking.deepDive.slice(1).every((f) => /^items-(1[0-4]|[0-9])$/.test(f.name))).toBe(true);
  });

  it('without the routes (metrics alone) it would not be deep-dived at all', async () => {
    const ranking = await loadBackendRanking(clients, incident, model, 5);
    expect(ranking.deepDive.map((f) => f.name)).not.toContain('payments');
    expect(ranking.rest.map((f) => f.name)).toContain('payments');
  });
});

describe('createFailingRoutes', () => {
  it('gives the reported routes, or nothing once its time is up', async () => {
    const controller = new AbortController();
    const reported = createFailingRoutes(Date.now() + 5_000, controller.signal);
    setTimeout(() => reported.report(new Map([['GET /a', 1]])), 10);
    expect([...(await reported.wait())]).toEqual([['GET /a', 1]]);

    const late = createFailingRoutes(Date.now() + 30, controller.signal);
    const started = Date.now();
    expect((await late.wait()).size).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_000);
    late.report(new Map([['GET /a', 1]]));
    expect((await late.wait()).size).toBe(0);

    const aborted = createFailingRoutes(Date.now() + 60_000, controller.signal);
    const waiting = aborted.wait();
    controller.abort();
    expect((await waiting).size).toBe(0);
  });
});
