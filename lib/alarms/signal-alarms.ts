/**
 * The alarm factories: one per signal, all sharing the same tuning, missing-data policy and
 * description layout. Each returns what to alarm on; createSignalAlarm does the rest.
 */
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, MathExpression, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type {
  ErrorCountThreshold,
  ErrorRateThreshold,
  LatencyThreshold,
  ThresholdName,
  Thresholds,
} from '../config/thresholds';
import { apiMetric, type ApiMetricKind, type ApiStageRef } from './api-metrics';

export interface SignalSpec {
  readonly metric: IMetric;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  /** What breaching means, for the description ("p99 Latency above 5000 ms"). */
  readonly condition: string;
}

/**
 * 100 * errors / requests, but 0 % when a period has fewer than `minRequests` requests, so one
 * failure out of two requests at night does not page. FILL: a period with requests and no error
 * datapoint is 0 %, not missing data.
 */
export function errorRateExpression(minRequests: number): string {
  return `IF(requests >= ${minRequests}, 100 * FILL(errors, 0) / requests, 0)`;
}

function errorRate(ref: ApiStageRef, errors: ApiMetricKind, label: string, t: ErrorRateThreshold): SignalSpec {
  return {
    metric: new MathExpression({
      expression: errorRateExpression(t.minRequests),
      usingMetrics: {
        errors: apiMetric(ref, errors, 'Sum', t.periodSeconds),
        requests: apiMetric(ref, 'requests', 'Sum', t.periodSeconds),
      },
      label: `${label} rate (%)`,
      period: Duration.seconds(t.periodSeconds),
    }),
    threshold: t.maxPercent,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    condition: `more than ${t.maxPercent}% of requests answered ${label} (periods with fewer than ${t.minRequests} requests count as 0%)`,
  };
}

function latency(
  ref: ApiStageRef,
  metric: 'latency' | 'integrationLatency',
  label: string,
  t: LatencyThreshold,
): SignalSpec {
  return {
    metric: apiMetric(ref, metric, 'p99', t.periodSeconds),
    threshold: t.maxMs,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    condition: `p99 ${label} above ${t.maxMs} ms`,
  };
}

const SIGNALS: { readonly [K in ThresholdName]: (ref: ApiStageRef, t: Thresholds[K]) => SignalSpec } = {
  serverErrorCount: (ref, t: ErrorCountThreshold) => ({
    metric: apiMetric(ref, 'serverErrors', 'Sum', t.periodSeconds),
    threshold: t.minErrors,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    condition: `at least ${t.minErrors} 5XX responses`,
  }),
  serverErrorRate: (ref, t) => errorRate(ref, 'serverErrors', '5XX', t),
  latencyP99: (ref, t) => latency(ref, 'latency', 'Latency', t),
  integrationLatencyP99: (ref, t) => ({
    ...latency(ref, 'integrationLatency', 'IntegrationLatency', t),
    condition: `p99 IntegrationLatency above ${t.maxMs} ms (the default integration timeout is 29000 ms)`,
  }),
  clientErrorRate: (ref, t) => errorRate(ref, 'clientErrors', '4XX', t),
};

export function signalSpec<K extends ThresholdName>(name: K, ref: ApiStageRef, thresholds: Thresholds): SignalSpec {
  const build: (ref: ApiStageRef, t: Thresholds[K]) => SignalSpec = SIGNALS[name];
  return build(ref, thresholds[name]);
}
