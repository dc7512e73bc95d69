/**
 * Alarm thresholds: what each signal alarms on and how fast. One shared tuning shape
 * (period, evaluation periods, datapoints to alarm) so every signal is tuned the same way.
 */

/** How a signal is evaluated over time. */
export interface AlarmTuning {
  /** Length of one datapoint in seconds; a multiple of 60 (API Gateway publishes 1-minute metrics). @default 60 */
  readonly periodSeconds: number;
  /** Datapoints looked at on each evaluation. @default 3 */
  readonly evaluationPeriods: number;
  /** Breaching datapoints (out of `evaluationPeriods`) that fire the alarm. @default 2 */
  readonly datapointsToAlarm: number;
}

interface SignalSwitch {
  /** Create this alarm. */
  readonly enabled: boolean;
}

/** 5XX count: Sum of 5XX responses per period. */
export interface ErrorCountThreshold extends AlarmTuning, SignalSwitch {
  /** Alarm when a period has at least this many 5XX responses. @default 10 */
  readonly minErrors: number;
}

/** An error rate computed with metric math, guarded by a minimum request count. */
export interface ErrorRateThreshold extends AlarmTuning, SignalSwitch {
  /** Alarm when more than this percentage of requests in a period failed (0 < x <= 100). */
  readonly maxPercent: number;
  /**
   * A period with fewer requests than this counts as 0 %, so one failed request out of two does
   * not page anyone at night. @default 20
   */
  readonly minRequests: number;
}

/** A p99 latency ceiling in milliseconds. */
export interface LatencyThreshold extends AlarmTuning, SignalSwitch {
  /** Alarm when the p99 of a period exceeds this many milliseconds (1..300000). */
  readonly maxMs: number;
}

/** The five signals watched per API stage. */
export interface Thresholds {
  /** 5XX count. @default enabled, 10 errors per minute, 2 of 3 minutes */
  readonly serverErrorCount: ErrorCountThreshold;
  /** 5XX rate. @default enabled, above 5 % with at least 20 requests per minute, 2 of 3 minutes */
  readonly serverErrorRate: ErrorRateThreshold;
  /** p99 Latency. @default enabled, above 5000 ms, 2 of 3 minutes */
  readonly latencyP99: LatencyThreshold;
  /**
   * p99 IntegrationLatency. Defaults near the 29 s integration timeout: a backend that runs into
   * the timeout produces 504s (REST) or 503s (HTTP API). Raise it if you raised the timeout.
   * @default enabled, above 28000 ms, 2 of 3 minutes
   */
  readonly integrationLatencyP99: LatencyThreshold;
  /** 4XX rate; noisy for public APIs, so off unless asked. @default disabled, above 25 % with at least 20 requests */
  readonly clientErrorRate: ErrorRateThreshold;
}

export type ThresholdName = keyof Thresholds;

/** Any subset of any signal: used at the global, per-API and per-stage level. */
export type ThresholdOverrides = { readonly [K in ThresholdName]?: Partial<Thresholds[K]> };

/**
 * Why 1-minute periods, 2 of 3: measured by `npm run bench:detection` (docs/tuning.md) with the
 * same evaluator as the alarms, a sudden burst reaches ALARM 2 minutes after onset (plus about a
 * minute of CloudWatch ingestion) and one isolated bad minute does not page; cdk-monitoring-
 * constructs' 3 x 5-minute default takes 15 minutes on the same burst.
 */
const FAST_TUNING: AlarmTuning = { periodSeconds: 60, evaluationPeriods: 3, datapointsToAlarm: 2 };

export const DEFAULT_THRESHOLDS: Thresholds = {
  serverErrorCount: { ...FAST_TUNING, enabled: true, minErrors: 10 },
  serverErrorRate: { ...FAST_TUNING, enabled: true, maxPercent: 5, minRequests: 20 },
  latencyP99: { ...FAST_TUNING, enabled: true, maxMs: 5000 },
  integrationLatencyP99: { ...FAST_TUNING, enabled: true, maxMs: 28000 },
  clientErrorRate: { ...FAST_TUNING, enabled: false, maxPercent: 25, minRequests: 20 },
};

export const THRESHOLD_NAMES = Object.keys(DEFAULT_THRESHOLDS) as readonly ThresholdName[];

function mergeSignal<K extends ThresholdName>(
  name: K,
  layers: readonly (ThresholdOverrides | undefined)[],
): Thresholds[K] {
  return layers.reduce<Thresholds[K]>((merged, layer) => ({ ...merged, ...layer?.[name] }), DEFAULT_THRESHOLDS[name]);
}

/** Later layers win: defaults, then the global overrides, then the API's, then the stage's. */
export function mergeThresholds(...layers: readonly (ThresholdOverrides | undefined)[]): Thresholds {
  return {
    serverErrorCount: mergeSignal('serverErrorCount', layers),
    serverErrorRate: mergeSignal('serverErrorRate', layers),
    latencyP99: mergeSignal('latencyP99', layers),
    integrationLatencyP99: mergeSignal('integrationLatencyP99', layers),
    clientErrorRate: mergeSignal('clientErrorRate', layers),
  };
}
