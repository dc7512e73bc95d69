/**
 * The traffic every scenario tells its story over: a quarter hour of steady requests whose last
 * minutes fail. The scenario table and the seeded logs and metrics all read these numbers.
 */

export const MINUTE = 60_000;
/** Minutes of traffic before the state change, and how many of the last ones fail. */
export const TRAFFIC_MINUTES = 14;
export const FAILING_MINUTES = 6;
export const REQUESTS_PER_MINUTE = 40;
export const FAILURES_PER_MINUTE = 12;
/** Failing requests that leave log lines (a sample; the metrics carry the totals). */
export const LOGGED_FAILURES = 5;

export interface TrafficTimeline {
  /** Start of each traffic minute, epoch ms, oldest first; the last is the minute before `now`. */
  readonly minutes: readonly number[];
  /** Start of the first failing minute, epoch ms. */
  readonly onsetMinute: number;
}

export function trafficTimeline(now: Date): TrafficTimeline {
  const lastMinute = Math.floor(now.getTime() / MINUTE) * MINUTE - MINUTE;
  const minutes = Array.from({ length: TRAFFIC_MINUTES }, (_, i) => lastMinute - (TRAFFIC_MINUTES - 1 - i) * MINUTE);
  const failingMinutes = minutes.slice(-FAILING_MINUTES);
  return { minutes, onsetMinute: failingMinutes[0] ?? lastMinute };
}
