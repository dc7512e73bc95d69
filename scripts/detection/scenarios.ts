/**
 * Synthetic 1-minute API Gateway series for the detection benchmark: four hours of traffic with
 * one failure shape each, deterministic, so the figures are reproducible.
 */
import type { Datapoint } from '../../lib/alarms/semantics';
import type { StageHistory } from '../../lib/backtest/replay';

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly history: StageHistory;
}

const MINUTES = 240;
const ONSET = 60;
/** 2026-01-05T02:00Z: a whole hour, so every period length aligns the same way. */
const START_MS = Date.UTC(2026, 0, 5, 2, 0, 0);

function scenario(
  name: string,
  description: string,
  requestsAt: (minute: number) => number,
  errorPercentAt: (minute: number) => number,
): Scenario {
  const requests: Datapoint[] = [];
  const serverErrors: Datapoint[] = [];
  for (let minute = 0; minute < MINUTES; minute += 1) {
    const r = requestsAt(minute);
    // API Gateway publishes no datapoint for a minute without requests.
    requests.push(r === 0 ? undefined : r);
    serverErrors.push(r === 0 ? undefined : Math.round((r * errorPercentAt(minute)) / 100));
  }
  return { name, description, history: { startMs: START_MS, minutes: MINUTES, raw: { requests, serverErrors } } };
}

const during = (from: number, minutes: number, minute: number) => minute >= from && minute < from + minutes;

export const SCENARIOS: readonly Scenario[] = [
  scenario(
    'sudden burst',
    '200 requests/min; 20% answered 5XX for 20 minutes',
    () => 200,
    (m) => (during(ONSET, 20, m) ? 20 : 0),
  ),
  scenario(
    'slow ramp',
    '200 requests/min; 5XX share grows by 1/3 point a minute to 10%, holds 15 minutes',
    () => 200,
    (m) => (during(ONSET, 45, m) ? Math.min(10, ((m - ONSET + 1) * 1) / 3) : 0),
  ),
  scenario(
    'flapping',
    '200 requests/min; every other minute 15% 5XX for 30 minutes',
    () => 200,
    (m) => (during(ONSET, 30, m) && (m - ONSET) % 2 === 0 ? 15 : 0),
  ),
  scenario(
    'low traffic at night',
    '6 requests/min all night; 2 of them fail every 4th minute (no burst: under 5 errors a minute)',
    () => 6,
    (m) => (m % 4 === 0 ? 34 : 0),
  ),
  scenario(
    'single bad minute',
    '200 requests/min; one minute with 50% 5XX (no burst: it lasts one minute)',
    () => 200,
    (m) => (m === ONSET ? 50 : 0),
  ),
];
