/**
 * How much one log group may cost: pages (AWS calls), failing lines kept in memory, and the time
 * left. Defaults keep a diagnosis within its call budget (≤ 40 AWS calls for one backend) and its
 * memory well under 200 MB at a million lines per group.
 */

export interface LogReadBudget {
  /** FilterLogEvents pages per log group at most. @default 6 */
  readonly maxPages: number;
  /** Events asked per page (AWS caps a page at 10,000 events and 1 MB). @default 10000 */
  readonly pageLimit: number;
  /** Failing lines kept for grouping; more are counted, not kept. @default 2000 */
  readonly maxKept: number;
  /** Failing requests whose whole execution trace is fetched. @default 3 */
  readonly traceSample: number;
}

export const DEFAULT_LOG_READ_BUDGET: LogReadBudget = {
  maxPages: 6,
  pageLimit: 10_000,
  maxKept: 2_000,
  traceSample: 3,
};

/**
 * When a reader stops starting pages: a share of the probe's remaining time is kept for grouping,
 * the trace drill and reporting, so a slow log service yields a sample, not a timed-out probe.
 */
export function softDeadline(deadline: number, now = Date.now()): number {
  const left = Math.max(0, deadline - now);
  return now + Math.max(0, left - Math.max(750, left * 0.2));
}
