/**
 * The time window an incident's diagnosis examines: two periods more than the alarm evaluated,
 * at least 15 minutes, at most 3 hours, in whole minutes (the end rounded up so the state-change
 * minute is included). No SDK imports: the event parser and the diagnosis both use it.
 */
import type { AlarmMetric, TimeWindow } from './types';

const MINUTE = 60_000;
/** At least this much before the state change is examined. */
export const MIN_LOOKBACK_MS = 15 * MINUTE;
/** And at most this much. */
export const MAX_LOOKBACK_MS = 3 * 60 * MINUTE;

/**
 * @param evaluationStart where the alarm's evaluation started (EventBridge says so): the window
 *   never starts after it, still bounded by MAX_LOOKBACK_MS.
 */
export function incidentWindow(
  stateChangeTime: string,
  metric: AlarmMetric = {},
  evaluationStart?: string,
): TimeWindow {
  const end = Date.parse(stateChangeTime);
  if (Number.isNaN(end)) throw new Error(`invalid state change time "${stateChangeTime}"`);
  const period = (metric.periodSeconds ?? 60) * 1000;
  const evaluated = period * ((metric.evaluationPeriods ?? 1) + 2);
  let start = end - Math.min(MAX_LOOKBACK_MS, Math.max(MIN_LOOKBACK_MS, evaluated));
  const evaluationStartMs = Date.parse(evaluationStart ?? '');
  if (!Number.isNaN(evaluationStartMs)) start = Math.max(Math.min(start, evaluationStartMs), end - MAX_LOOKBACK_MS);
  const endMinute = Math.ceil(end / MINUTE) * MINUTE;
  const startMinute = Math.floor(start / MINUTE) * MINUTE;
  return { start: new Date(startMinute).toISOString(), end: new Date(endMinute).toISOString() };
}
