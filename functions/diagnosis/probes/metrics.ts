/** API metrics over the window in one GetMetricData call; rates from raw Sum series, never metric math. */
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { Finding, Incident, MetricsFinding } from '../../types';
import type { ApiModel } from '../api-model';
import type { AwsClients } from '../clients';
import { getMetricData } from '../metric-data';
import type { ProbeContext } from '../probe';
import { windowMs } from '../probe';

const MINUTE = 60_000;

/** Minute timestamps covering the window, ascending. */
export function minutesOf(start: number, end: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(start / MINUTE) * MINUTE; t < end; t += MINUTE) out.push(t);
  return out;
}

/** Aligns one result's datapoints on the minute axis (missing minutes are null). */
export function alignSeries(result: MetricDataResult | undefined, axis: readonly number[]): (number | null)[] {
  const byMinute = new Map<number, number>();
  (result?.Timestamps ?? []).forEach((ts, i) => {
    const value = result?.Values?.[i];
    if (value === undefined) return;
    const minute = Math.floor(ts.getTime() / MINUTE) * MINUTE;
    byMinute.set(minute, (byMinute.get(minute) ?? 0) + value);
  });
  return axis.map((t) => byMinute.get(t) ?? null);
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const maxOf = (xs: readonly (number | null)[]): number | null => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length === 0 ? null : Math.max(...present);
};

function timeOfDay(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/** The API's metrics over the window; shared through discovery so the log readers know the onset. */
export async function computeApiMetrics(
  clients: AwsClients,
  incident: Incident,
  model: Promise<ApiModel>,
): Promise<MetricsFinding> {
  // The integration timeout is context only: the metrics stand without it.
  model.catch(() => undefined);
  const http = incident.api.kind === 'HTTP';
  const dimensions = http
    ? [
        { Name: 'ApiId', Value: incident.api.id ?? (await model).id },
        { Name: 'Stage', Value: incident.api.stage },
      ]
    : [
        { Name: 'ApiName', Value: incident.api.name ?? (await model).name ?? '' },
        { Name: 'Stage', Value: incident.api.stage },
      ];
  const metric = (id: string, name: string, stat: string): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: { Namespace: 'AWS/ApiGateway', MetricName: name, Dimensions: dimensions },
      Period: 60,
      Stat: stat,
    },
    ReturnData: true,
  });
  const { start, end } = windowMs(incident);
  const axis = minutesOf(start, end);
  const queryStart = axis[0] ?? start;
  const results = await getMetricData(clients.cloudWatch, {
    start: new Date(queryStart),
    end: new Date(end),
    ascending: true,
    queries: [
      metric('e5xx', http ? '5xx' : '5XXError', 'Sum'),
      metric('e4xx', http ? '4xx' : '4XXError', 'Sum'),
      metric('count', 'Count', 'Sum'),
      metric('latency', 'Latency', 'Maximum'),
      metric('integration', 'IntegrationLatency', 'Maximum'),
    ],
  });
  const merged = (id: string): MetricDataResult => ({
    Id: id,
    Timestamps: results.filter((r) => r.Id === id).flatMap((r) => r.Timestamps ?? []),
    Values: results.filter((r) => r.Id === id).flatMap((r) => r.Values ?? []),
  });
  const zeroed = (id: string): number[] => alignSeries(merged(id), axis).map((v) => v ?? 0);
  const errors5xx = zeroed('e5xx');
  const errors4xx = zeroed('e4xx');
  const requests = zeroed('count');
  const latencyMaxMs = maxOf(alignSeries(merged('latency'), axis));
  const integrationLatencyMaxMs = maxOf(alignSeries(merged('integration'), axis));
  const timestamps = axis.map((t) => new Date(t).toISOString());
  const total5xx = sum(errors5xx);
  const total4xx = sum(errors4xx);
  const totalRequests = sum(requests);
  const errorRatePct = totalRequests === 0 ? null : Math.round((10_000 * total5xx) / totalRequests) / 100;
  const onsetIndex = errors5xx.findIndex((v) => v > 0);
  const onset = onsetIndex < 0 ? null : (timestamps[onsetIndex] ?? null);

  let integrationTimeoutMs: number | undefined;
  try {
    const timeouts = (await model).integrations.map((i) => i.timeoutMs);
    if (timeouts.length > 0) integrationTimeoutMs = Math.max(...timeouts);
  } catch {
    if (!http) integrationTimeoutMs = 29_000;
  }

  const parts = [
    total5xx === 0
      ? `no 5XX in the window (${totalRequests} requests)`
      : `${total5xx} 5XX of ${totalRequests} requests (${errorRatePct ?? '?'}%)${onset === null ? '' : ` since ${timeOfDay(onset)}`}`,
  ];
  if (total4xx > 0) parts.push(`${total4xx} 4XX`);
  if (latencyMaxMs !== null) parts.push(`Latency max ${Math.round(latencyMaxMs)} ms`);
  if (integrationLatencyMaxMs !== null) {
    const atTimeout =
      integrationTimeoutMs !== undefined && integrationLatencyMaxMs >= integrationTimeoutMs * 0.98
        ? ' (at the integration timeout)'
        : '';
    parts.push(
      `IntegrationLatency max ${Math.round(integrationLatencyMaxMs)} ms${integrationTimeoutMs === undefined ? '' : ` vs timeout ${integrationTimeoutMs} ms`}${atTimeout}`,
    );
  }
  const finding: MetricsFinding = {
    type: 'metrics',
    probe: 'metrics',
    summary: parts.join('; '),
    timestamps,
    errors5xx,
    errors4xx,
    requests,
    total5xx,
    total4xx,
    totalRequests,
    errorRatePct,
    onset,
    latencyMaxMs,
    integrationLatencyMaxMs,
    ...(integrationTimeoutMs === undefined ? {} : { integrationTimeoutMs }),
  };
  return finding;
}

export async function metricsProbe(ctx: ProbeContext): Promise<Finding[]> {
  return [await ctx.discovery.apiMetrics()];
}
