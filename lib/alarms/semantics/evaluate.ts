/**
 * CloudWatch metric-alarm evaluation, SDK-free and CDK-free: the stack's alarms and the backtest
 * both read their rules from alarm-rule.ts and are replayed here, so they cannot disagree.
 *
 * The rules, from "Configuring how CloudWatch alarms treat missing data"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html):
 *
 * 1. On every evaluation CloudWatch retrieves more datapoints than Evaluation Periods (N): the
 *    *evaluation range*. The docs' worked tables use N = 3 with a range of 5; the exact size "depends
 *    on the length of the alarm period". We use N + 2 (an approximation, stated in docs/tuning.md).
 * 2. No datapoint missing in the range: the N most recent datapoints decide.
 * 3. Some missing but at least N real ones in the range: the N most recent *real* datapoints decide,
 *    reaching back in the range; the missing-data treatment is not consulted.
 * 4. Fewer than N real ones: every real datapoint in the range is used and only the shortfall
 *    (N - real) is filled with the treatment ("uses missing data points only as few times as
 *    possible"): breaching counts them as breaching, notBreaching as not breaching.
 *    missing: all of the range missing -> INSUFFICIENT_DATA. ignore: all missing -> keep the state.
 * 5. Then: at least M (Datapoints to Alarm) breaching among the N -> ALARM, otherwise OK.
 * 6. "Premature alarm" rule (ALARM with fewer than M real breaching datapoints): the docs' prose says
 *    a `missing` alarm goes to ALARM when the oldest breaching datapoint among the N most recent
 *    slots is at least M old and every more recent one is breaching or missing. Their own tables
 *    need one more condition: `0 - X - -` (2 of 3) stays OK, so a non-breaching real datapoint
 *    anywhere in the range prevents it; `- - - X -` (2 of 3) and `- - X - -` (3 of 3) go to ALARM.
 *    We implement the reading that fits every row of both tables. In the same case the tables
 *    show `ignore` keeping its current state.
 * Evaluation cadence: once per period, at the period's end, over datapoints aligned to multiples of
 * the period from the epoch. CloudWatch evaluates every minute; for the 1-minute periods of the
 * defaults that is the same thing, for longer periods it is a close approximation (a period's
 * datapoint is only complete at its end).
 */
import type { AlarmRule, AlarmState, Comparison, TreatMissingData } from './alarm-rule';

/** A datapoint's value, or undefined when the period has none. */
export type Datapoint = number | undefined;

/** How much further back than N the evaluation reaches when datapoints are missing. */
export const EXTRA_RANGE_PERIODS = 2;

export function breaches(value: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

export interface RangeEvaluation {
  readonly state: AlarmState;
  /** Real datapoints used. */
  readonly realDatapoints: number;
  /** Datapoints filled by the missing-data treatment. */
  readonly filledDatapoints: number;
  /** Breaching datapoints among the N evaluated (real and filled). */
  readonly breachingDatapoints: number;
}

function prematureAlarm(flags: readonly (boolean | undefined)[], n: number, m: number): boolean {
  if (flags.some((flag) => flag === false)) return false;
  const lastN = flags.slice(-n);
  const oldest = lastN.findIndex((flag) => flag === true);
  if (oldest < 0) return false;
  const age = lastN.length - oldest;
  return age >= m;
}

/**
 * One evaluation over the evaluation range (oldest first, most recent last); `current` is the
 * state before it (ignore keeps it).
 */
export function evaluateRange(
  range: readonly Datapoint[],
  rule: Pick<AlarmRule, 'evaluationPeriods' | 'datapointsToAlarm' | 'comparison' | 'threshold' | 'treatMissingData'>,
  current: AlarmState,
): RangeEvaluation {
  const n = rule.evaluationPeriods;
  const m = rule.datapointsToAlarm;
  const flags = range.map((v) => (v === undefined ? undefined : breaches(v, rule.comparison, rule.threshold)));
  const real = flags.filter((f): f is boolean => f !== undefined);
  if (real.length >= n) {
    const used = real.slice(-n);
    const breaching = used.filter(Boolean).length;
    return {
      state: breaching >= m ? 'ALARM' : 'OK',
      realDatapoints: n,
      filledDatapoints: 0,
      breachingDatapoints: breaching,
    };
  }
  const fill = n - real.length;
  const realBreaching = real.filter(Boolean).length;
  const treatment: TreatMissingData = rule.treatMissingData;
  const base = { realDatapoints: real.length, filledDatapoints: fill };
  if (treatment === 'breaching' || treatment === 'notBreaching') {
    const breaching = realBreaching + (treatment === 'breaching' ? fill : 0);
    return { ...base, state: breaching >= m ? 'ALARM' : 'OK', breachingDatapoints: breaching };
  }
  if (real.length === 0) {
    return { ...base, state: treatment === 'missing' ? 'INSUFFICIENT_DATA' : current, breachingDatapoints: 0 };
  }
  if (realBreaching < m && prematureAlarm(flags, n, m)) {
    return { ...base, state: treatment === 'missing' ? 'ALARM' : current, breachingDatapoints: realBreaching };
  }
  return { ...base, state: realBreaching >= m ? 'ALARM' : 'OK', breachingDatapoints: realBreaching };
}

/** A state the alarm entered at the end of a period. */
export interface Transition {
  /** Epoch ms of the evaluation (the end of the period that completed the evaluation). */
  readonly at: number;
  readonly state: AlarmState;
}

export interface AlarmTimeline {
  /** State after each period's evaluation, aligned with the input datapoints. */
  readonly states: readonly AlarmState[];
  readonly transitions: readonly Transition[];
}

/**
 * Replays an alarm over a series: `values[i]` is the datapoint of the period starting at
 * `startMs + i * periodSeconds`; it is evaluated at that period's end. The alarm starts in
 * INSUFFICIENT_DATA, as a new CloudWatch alarm does.
 */
export function evaluateSeries(
  series: { readonly startMs: number; readonly values: readonly Datapoint[] },
  rule: AlarmRule,
  initial: AlarmState = 'INSUFFICIENT_DATA',
): AlarmTimeline {
  const rangeLength = rule.evaluationPeriods + EXTRA_RANGE_PERIODS;
  const periodMs = rule.periodSeconds * 1000;
  const states: AlarmState[] = [];
  const transitions: Transition[] = [];
  let state = initial;
  for (let i = 0; i < series.values.length; i += 1) {
    const range = series.values.slice(Math.max(0, i + 1 - rangeLength), i + 1);
    // Before the history starts the range is missing data, as for a newly created alarm.
    const padded: Datapoint[] = [...new Array<Datapoint>(rangeLength - range.length).fill(undefined), ...range];
    const next = evaluateRange(padded, rule, state).state;
    if (next !== state) transitions.push({ at: series.startMs + (i + 1) * periodMs, state: next });
    state = next;
    states.push(state);
  }
  return { states, transitions };
}
