/**
 * Bounded fan-out over backend functions: their metrics for all of them (5 series each, batched
 * within GetMetricData's 500 queries per call), then the few that failed most are deep-dived
 * (configuration, policy, concurrency, logs) and the rest are summarised in one line. An API with
 * 200 functions costs 2 metric calls and 5 deep dives, not 1,000 calls at once.
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Incident } from '../types';
import type { ApiModel } from './api-model';
import type { AwsClients } from './clients';
import { isAbort } from './call-scope';
import { getMetricDataBatched } from './metric-data';
import { failingByFunction } from './failing-routes';
import { windowMs } from './probe';

export interface FunctionMetrics {
  errors?: number;
  throttles?: number;
  durationMaxMs?: number;
  concurrentExecutionsMax?: number;
  invocations?: number;
}

export interface BackendRanking {
  /** Functions to deep-dive, most failing first (integrations before authorizers on ties). */
  readonly deepDive: readonly { readonly name: string; readonly role: 'integration' | 'authorizer' }[];
  /** The others, summarised. */
  readonly rest: readonly { readonly name: string; readonly role: 'integration' | 'authorizer' }[];
  /** Metrics per function; undefined when they could not be read. */
  readonly metrics?: ReadonlyMap<string, FunctionMetrics>;
  readonly metricsError?: unknown;
}

/** Backend functions deep-dived by default. */
export const DEFAULT_DEEP_DIVE = 5;

const SPECS = [
  ['errors', 'Errors', 'Sum'],
  ['throttles', 'Throttles', 'Sum'],
  ['durationMaxMs', 'Duration', 'Maximum'],
  ['concurrentExecutionsMax', 'ConcurrentExecutions', 'Maximum'],
  ['invocations', 'Invocations', 'Sum'],
] as const;

export async function functionMetrics(
  clients: AwsClients,
  incident: Incident,
  names: readonly string[],
): Promise<Map<string, FunctionMetrics>> {
  const { start, end } = windowMs(incident);
  const queries: MetricDataQuery[] = names.flatMap((name, i) =>
    SPECS.map(([key, metricName, stat]) => ({
      Id: `f${i}_${key.toLowerCase()}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: metricName,
          Dimensions: [{ Name: 'FunctionName', Value: name }],
        },
        Period: 60,
        Stat: stat,
      },
      ReturnData: true,
    })),
  );
  const results = await getMetricDataBatched(clients.cloudWatch, {
    start: new Date(Math.floor(start / 60_000) * 60_000),
    end: new Date(end),
    queries,
  });
  const byId = new Map<string, number[]>();
  for (const r of results) {
    if (r.Id === undefined) continue;
    byId.set(r.Id, [...(byId.get(r.Id) ?? []), ...(r.Values ?? [])]);
  }
  const out = new Map<string, FunctionMetrics>();
  names.forEach((name, i) => {
    const m: FunctionMetrics = {};
    for (const [key, , stat] of SPECS) {
      const values = byId.get(`f${i}_${key.toLowerCase()}`) ?? [];
      if (values.length === 0) continue;
      m[key] = stat === 'Sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
    }
    out.set(name, m);
  });
  return out;
}

const failures = (m: FunctionMetrics | undefined): number => (m?.errors ?? 0) + (m?.throttles ?? 0);

/**
 * The failing requests found in the logs first: a function behind the routes that failed ranks
 * above any other, even with no metrics at all (API Gateway may not be allowed to invoke it, so it
 * has no errors and no invocations). Then most errors and throttles, then the longest Duration (a
 * function that runs past the integration timeout fails the request without an error of its own);
 * ties keep the model's order.
 */
export function rankBackends(
  functions: ApiModel['functions'],
  metrics: ReadonlyMap<string, FunctionMetrics> | undefined,
  deepDive: number,
  failingRequests: ReadonlyMap<string, number> = new Map(),
): Pick<BackendRanking, 'deepDive' | 'rest'> {
  const ranked = functions
    .map((f, index) => ({
      f,
      index,
      failing: failingRequests.get(f.name) ?? 0,
      score: failures(metrics?.get(f.name)),
      duration: metrics?.get(f.name)?.durationMaxMs ?? 0,
    }))
    .sort((a, b) => b.failing - a.failing || b.score - a.score || b.duration - a.duration || a.index - b.index)
    .map((x) => x.f);
  return { deepDive: ranked.slice(0, deepDive), rest: ranked.slice(deepDive) };
}

/**
 * `failingRoutes` (when there are more functions than deep dives): the failing requests' routes
 * from the logs, resolved by the access-log probe, or empty when it cannot tell in time.
 */
export async function loadBackendRanking(
  clients: AwsClients,
  incident: Incident,
  model: ApiModel,
  deepDive: number,
  failingRoutes: () => Promise<ReadonlyMap<string, number>> = () => Promise.resolve(new Map()),
): Promise<BackendRanking> {
  if (model.functions.length === 0) return { deepDive: [], rest: [] };
  const needRoutes = model.functions.length > deepDive;
  const [metricsOutcome, routes] = await Promise.all([
    functionMetrics(
      clients,
      incident,
      model.functions.map((f) => f.name),
    ).then(
      (metrics) => ({ metrics }),
      (error: unknown) => {
        if (isAbort(error)) throw error;
        return { metricsError: error };
      },
    ),
    needRoutes ? failingRoutes() : Promise.resolve(new Map<string, number>()),
  ]);
  const byFunction = failingByFunction(model, routes);
  const metrics = 'metrics' in metricsOutcome ? metricsOutcome.metrics : undefined;
  return { ...rankBackends(model.functions, metrics, deepDive, byFunction), ...metricsOutcome };
}
