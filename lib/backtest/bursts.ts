/**
 * What counts as a real 5XX burst in a history, so a threshold can be judged by how late it
 * catches each one and how often it fires outside them. The definition is printed with every
 * backtest and benchmark.
 */
import type { Datapoint } from '../alarms/semantics';

export interface BurstDefinition {
  /** A bad minute has at least this many 5XX responses... */
  readonly minErrors: number;
  /** ...which are at least this percentage of its requests. */
  readonly minPercent: number;
  /** Bad minutes separated by at most this many other minutes belong to one burst. */
  readonly maxGapMinutes: number;
  /** A burst lasts at least this many minutes from its first to its last bad minute. */
  readonly minMinutes: number;
}

export const DEFAULT_BURST: BurstDefinition = { minErrors: 5, minPercent: 1, maxGapMinutes: 2, minMinutes: 2 };

export function describeBurst(d: BurstDefinition): string {
  return (
    `a burst is a run of "bad" minutes (at least ${d.minErrors} 5XX responses and at least ${d.minPercent}% of the ` +
    `minute's requests), bad minutes at most ${d.maxGapMinutes} minutes apart joined, lasting at least ` +
    `${d.minMinutes} minutes; its onset is the start of its first bad minute`
  );
}

export interface Burst {
  /** Epoch ms: start of the first bad minute. */
  readonly onset: number;
  /** Epoch ms: end of the last bad minute. */
  readonly end: number;
  readonly peakErrors: number;
}

/** Bursts in 1-minute series that start at `startMs`. */
export function findBursts(
  startMs: number,
  errors: readonly Datapoint[],
  requests: readonly Datapoint[],
  d: BurstDefinition = DEFAULT_BURST,
): Burst[] {
  const bad = errors.map((e, i) => {
    const r = requests[i];
    return e !== undefined && e >= d.minErrors && (r === undefined || r === 0 || (100 * e) / r >= d.minPercent);
  });
  const bursts: Burst[] = [];
  let first = -1;
  let last = -1;
  let peak = 0;
  const close = () => {
    if (first >= 0 && last - first + 1 >= d.minMinutes) {
      bursts.push({ onset: startMs + first * 60_000, end: startMs + (last + 1) * 60_000, peakErrors: peak });
    }
    first = -1;
    peak = 0;
  };
  bad.forEach((isBad, i) => {
    if (!isBad) return;
    if (first >= 0 && i - last - 1 > d.maxGapMinutes) close();
    if (first < 0) first = i;
    last = i;
    peak = Math.max(peak, errors[i] ?? 0);
  });
  close();
  return bursts;
}
