/**
 * What each alarm of the stack is, as plain data: its period, M of N, comparison, threshold,
 * missing-data treatment and the signal it watches. lib/alarms/signal-alarms.ts builds the
 * CloudWatch alarms from these objects and the backtest replays the very same objects, so the two
 * cannot drift apart. No CDK or SDK imports: the CLI and the benchmarks load it cheaply.
 */
import type { ThresholdName, Thresholds } from '../../config/thresholds';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** CloudWatch's ComparisonOperator values used by metric alarms. */
export type Comparison =
  'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';

/** CloudWatch's TreatMissingData values. */
export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

export interface AlarmRule {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly treatMissingData: TreatMissingData;
}

/** The raw API Gateway metrics a signal is computed from (names per API kind in api-metrics.ts). */
export type SignalFormula =
  | { readonly kind: 'sum'; readonly metric: 'serverErrors' }
  | {
      readonly kind: 'rate';
      readonly errors: 'serverErrors' | 'clientErrors';
      /** Periods with fewer requests count as 0 %. */
      readonly minRequests: number;
    }
  | { readonly kind: 'percentile'; readonly metric: 'latency' | 'integrationLatency'; readonly percentile: 99 };

export interface SignalAlarm {
  readonly rule: AlarmRule;
  readonly formula: SignalFormula;
  /** What breaching means, in words ("p99 Latency above 5000 ms"). */
  readonly condition: string;
}

/**
 * No traffic is not an outage: an idle stage must not page or flap to INSUFFICIENT_DATA. API
 * Gateway publishes no datapoint for a minute without requests.
 */
export const TREAT_MISSING_DATA: TreatMissingData = 'notBreaching';

function rate(t: Thresholds['serverErrorRate'], errors: 'serverErrors' | 'clientErrors', label: string): SignalAlarm {
  return {
    rule: { ...tuning(t), comparison: 'GreaterThanThreshold', threshold: t.maxPercent },
    formula: { kind: 'rate', errors, minRequests: t.minRequests },
    condition: `more than ${t.maxPercent}% of requests answered ${label} (periods with fewer than ${t.minRequests} requests count as 0%)`,
  };
}

function tuning(
  t: Thresholds[ThresholdName],
): Pick<AlarmRule, 'periodSeconds' | 'evaluationPeriods' | 'datapointsToAlarm' | 'treatMissingData'> {
  return {
    periodSeconds: t.periodSeconds,
    evaluationPeriods: t.evaluationPeriods,
    datapointsToAlarm: t.datapointsToAlarm,
    treatMissingData: TREAT_MISSING_DATA,
  };
}

const SIGNALS: { readonly [K in ThresholdName]: (t: Thresholds[K]) => SignalAlarm } = {
  serverErrorCount: (t) => ({
    rule: { ...tuning(t), comparison: 'GreaterThanOrEqualToThreshold', threshold: t.minErrors },
    formula: { kind: 'sum', metric: 'serverErrors' },
    condition: `at least ${t.minErrors} 5XX responses`,
  }),
  serverErrorRate: (t) => rate(t, 'serverErrors', '5XX'),
  latencyP99: (t) => ({
    rule: { ...tuning(t), comparison: 'GreaterThanThreshold', threshold: t.maxMs },
    formula: { kind: 'percentile', metric: 'latency', percentile: 99 },
    condition: `p99 Latency above ${t.maxMs} ms`,
  }),
  integrationLatencyP99: (t) => ({
    rule: { ...tuning(t), comparison: 'GreaterThanThreshold', threshold: t.maxMs },
    formula: { kind: 'percentile', metric: 'integrationLatency', percentile: 99 },
    condition: `p99 IntegrationLatency above ${t.maxMs} ms (the default integration timeout is 29000 ms)`,
  }),
  clientErrorRate: (t) => rate(t, 'clientErrors', '4XX'),
};

/** The alarm of one signal, from the merged thresholds of a stage. */
export function signalAlarm<K extends ThresholdName>(name: K, thresholds: Thresholds): SignalAlarm {
  const build: (t: Thresholds[K]) => SignalAlarm = SIGNALS[name];
  return build(thresholds[name]);
}
