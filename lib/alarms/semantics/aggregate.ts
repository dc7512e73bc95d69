/**
 * Re-buckets 1-minute series into longer alarm periods (aligned to multiples of the period from
 * the epoch). Sums add up exactly. A percentile cannot be rebuilt from finer percentiles: the
 * maximum of the per-minute p99s is used, an upper bound of the period's true p99 (each minute has
 * at most 1 % of its requests above its own p99, so at most 1 % of all requests exceed the
 * largest of them). Callers say so where they use it.
 */
import type { Datapoint } from './evaluate';

export type Aggregation = 'sum' | 'max';

export interface Series {
  /** Epoch ms of the first period's start. */
  readonly startMs: number;
  readonly periodSeconds: number;
  readonly values: readonly Datapoint[];
}

export function aggregate(series: Series, periodSeconds: number, how: Aggregation): Series {
  if (periodSeconds === series.periodSeconds) return series;
  if (periodSeconds % series.periodSeconds !== 0) {
    throw new Error(`cannot re-bucket ${series.periodSeconds}-second data into ${periodSeconds}-second periods`);
  }
  const periodMs = periodSeconds * 1000;
  const stepMs = series.periodSeconds * 1000;
  const startMs = Math.floor(series.startMs / periodMs) * periodMs;
  const endMs = series.startMs + series.values.length * stepMs;
  const buckets = Math.ceil((endMs - startMs) / periodMs);
  const values: Datapoint[] = new Array<Datapoint>(buckets).fill(undefined);
  series.values.forEach((value, i) => {
    if (value === undefined) return;
    const bucket = Math.floor((series.startMs + i * stepMs - startMs) / periodMs);
    const previous = values[bucket];
    values[bucket] = previous === undefined ? value : how === 'sum' ? previous + value : Math.max(previous, value);
  });
  return { startMs, periodSeconds, values };
}
