/**
 * Reads the 1-minute history of API stages with GetMetricData: every stage's request, 5XX, 4XX
 * and latency series, batched at most 500 queries per call (CloudWatch's limit), every page of
 * each batch followed (one call returns at most 100,800 datapoints, the rest behind NextToken),
 * progress reported per page. 1-minute datapoints are kept 15 days, so the window is capped there
 * by the command. The latency series are asked as p99, then as Maximum where no p99 came back: a source that serves no
 * percentiles (the local emulator) still gets an upper bound, and the report says so. The window
 * is read in time slices (a day per call by default): real CloudWatch pages within a call anyway,
 * while an emulator that scans every stored datapoint per period needs short slices to stay fast.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import {
  API_GATEWAY_NAMESPACE,
  API_METRIC_NAMES,
  apiDimensions,
  type ApiMetricKind,
  type ApiStageRef,
} from '../alarms/api-metrics';
import type { Datapoint } from '../alarms/semantics';
import type { StageHistory } from './replay';

/** GetMetricData takes at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

const SERIES: readonly { readonly key: string; readonly metric: ApiMetricKind; readonly stat: string }[] = [
  { key: 'serverErrors', metric: 'serverErrors', stat: 'Sum' },
  { key: 'clientErrors', metric: 'clientErrors', stat: 'Sum' },
  { key: 'requests', metric: 'requests', stat: 'Sum' },
  { key: 'latency', metric: 'latency', stat: 'p99' },
  { key: 'integrationLatency', metric: 'integrationLatency', stat: 'p99' },
];
/** Asked only for stages whose p99 came back empty although they had traffic. */
const MAXIMUM_SERIES = SERIES.filter((s) => s.stat === 'p99').map((s) => ({ ...s, stat: 'Maximum' }));

/** One day per call: 5 series x 1440 minutes per stage, well inside a page of 100,800 datapoints. */
export const DEFAULT_SLICE_MINUTES = 1440;

export interface HistoryProgress {
  readonly pass: string;
  readonly call: number;
  readonly calls: number;
  readonly datapoints: number;
}

export interface HistoryOptions {
  /** Minutes of history per GetMetricData call. @default DEFAULT_SLICE_MINUTES */
  readonly sliceMinutes?: number;
  readonly onProgress?: (progress: HistoryProgress) => void;
  /**
   * Ask for p99 (true) or go straight to Maximum for the latency series (false: for sources that
   * cannot compute percentiles; moto 5.2.5 fails the whole call on a percentile stat). @default true
   */
  readonly percentiles?: boolean;
}

function query(ref: ApiStageRef, index: number, s: (typeof SERIES)[number]): MetricDataQuery {
  return {
    Id: `s${index}_${s.key}`,
    MetricStat: {
      Metric: {
        Namespace: API_GATEWAY_NAMESPACE,
        MetricName: API_METRIC_NAMES[ref.kind][s.metric],
        Dimensions: Object.entries(apiDimensions(ref)).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: 60,
      Stat: s.stat,
    },
    ReturnData: true,
  };
}

type Collected = Map<string, Datapoint[]>;

/** Runs the queries over the window: batches of at most 500, time slices, every page. */
async function collect(
  cloudWatch: Pick<CloudWatchClient, 'send'>,
  queries: readonly MetricDataQuery[],
  startMs: number,
  minutes: number,
  pass: string,
  options: HistoryOptions,
): Promise<Collected> {
  const values: Collected = new Map();
  const slice = options.sliceMinutes ?? DEFAULT_SLICE_MINUTES;
  const batches = Math.ceil(queries.length / MAX_QUERIES_PER_CALL);
  const slices = Math.ceil(minutes / slice);
  let call = 0;
  let total = 0;
  for (let b = 0; b < batches; b += 1) {
    const batch = queries.slice(b * MAX_QUERIES_PER_CALL, (b + 1) * MAX_QUERIES_PER_CALL);
    for (let t = 0; t < slices; t += 1) {
      const sliceStart = startMs + t * slice * 60_000;
      const sliceEnd = Math.min(startMs + minutes * 60_000, sliceStart + slice * 60_000);
      let nextToken: string | undefined;
      do {
        const response = await cloudWatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(sliceStart),
            EndTime: new Date(sliceEnd),
            ScanBy: 'TimestampAscending',
            MetricDataQueries: [...batch],
            ...(nextToken === undefined ? {} : { NextToken: nextToken }),
          }),
        );
        for (const result of response.MetricDataResults ?? []) {
          if (result.Id === undefined) continue;
          const series = values.get(result.Id) ?? new Array<Datapoint>(minutes).fill(undefined);
          values.set(result.Id, series);
          (result.Timestamps ?? []).forEach((timestamp, i) => {
            const index = Math.floor((timestamp.getTime() - startMs) / 60_000);
            const value = result.Values?.[i];
            if (index >= 0 && index < minutes && value !== undefined) series[index] = value;
            total += 1;
          });
        }
        nextToken = response.NextToken;
        call += 1;
        options.onProgress?.({ pass, call, calls: batches * slices, datapoints: total });
      } while (nextToken !== undefined);
    }
  }
  return values;
}

const hasAny = (series: readonly Datapoint[] | undefined) => series?.some((v) => v !== undefined) ?? false;

export async function readHistory(
  cloudWatch: Pick<CloudWatchClient, 'send'>,
  stages: readonly ApiStageRef[],
  window: { readonly startMs: number; readonly endMs: number },
  options: HistoryOptions = {},
): Promise<StageHistory[]> {
  const startMs = Math.floor(window.startMs / 60_000) * 60_000;
  const minutes = Math.ceil((window.endMs - startMs) / 60_000);
  const percentiles = options.percentiles ?? true;
  const series = percentiles ? SERIES : [...SERIES.filter((s) => s.stat !== 'p99'), ...MAXIMUM_SERIES];
  const first = await collect(
    cloudWatch,
    stages.flatMap((ref, index) => series.map((s) => query(ref, index, s))),
    startMs,
    minutes,
    'metrics',
    options,
  );
  // Stages with traffic but no p99 at all: the source serves no percentiles; ask for Maximum.
  const withoutPercentiles = stages
    .map((ref, index) => ({ ref, index }))
    .filter(({ index }) => {
      if (!percentiles) return false;
      const get = (key: string) => first.get(`s${index}_${key}`);
      return hasAny(get('requests')) && !hasAny(get('latency')) && !hasAny(get('integrationLatency'));
    });
  const maxima =
    withoutPercentiles.length === 0
      ? new Map<string, Datapoint[]>()
      : await collect(
          cloudWatch,
          withoutPercentiles.flatMap(({ ref, index }) => MAXIMUM_SERIES.map((s) => query(ref, index, s))),
          startMs,
          minutes,
          'latency maxima (no p99 served)',
          options,
        );
  return stages.map((_, index) => {
    const empty = () => new Array<Datapoint>(minutes).fill(undefined);
    const fallback =
      withoutPercentiles.some((s) => s.index === index) &&
      (hasAny(maxima.get(`s${index}_latency`)) || hasAny(maxima.get(`s${index}_integrationLatency`)));
    const useMaximum = !percentiles || fallback;
    const pick = (key: string) =>
      (fallback && (key === 'latency' || key === 'integrationLatency') ? maxima : first).get(`s${index}_${key}`) ??
      empty();
    return {
      startMs,
      minutes,
      raw: {
        serverErrors: pick('serverErrors'),
        clientErrors: pick('clientErrors'),
        requests: pick('requests'),
        latency: pick('latency'),
        integrationLatency: pick('integrationLatency'),
      },
      ...(useMaximum ? { latencyIsMaximum: true } : {}),
    };
  });
}
