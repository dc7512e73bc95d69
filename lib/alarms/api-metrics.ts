/**
 * The metric factory: API Gateway's metric names and dimensions per API kind, kept apart from
 * the alarm factories. REST APIs (v1) report by ApiName, HTTP APIs (v2) by ApiId, and the two
 * spell their error metrics differently.
 */
import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ApiKind } from '../../functions/types';

export const API_GATEWAY_NAMESPACE = 'AWS/ApiGateway';

export const API_METRIC_NAMES = {
  REST: {
    serverErrors: '5XXError',
    clientErrors: '4XXError',
    requests: 'Count',
    latency: 'Latency',
    integrationLatency: 'IntegrationLatency',
  },
  HTTP: {
    serverErrors: '5xx',
    clientErrors: '4xx',
    requests: 'Count',
    latency: 'Latency',
    integrationLatency: 'IntegrationLatency',
  },
} as const satisfies Record<ApiKind, Record<string, string>>;

export type ApiMetricKind = keyof (typeof API_METRIC_NAMES)['REST'];

/** One API stage as CloudWatch sees it. */
export interface ApiStageRef {
  readonly kind: ApiKind;
  /** REST: the API name; HTTP: the API id. */
  readonly api: string;
  readonly stage: string;
}

export function apiDimensions(ref: ApiStageRef): Record<string, string> {
  return ref.kind === 'REST' ? { ApiName: ref.api, Stage: ref.stage } : { ApiId: ref.api, Stage: ref.stage };
}

export function apiMetric(ref: ApiStageRef, metric: ApiMetricKind, statistic: string, periodSeconds: number): Metric {
  return new Metric({
    namespace: API_GATEWAY_NAMESPACE,
    metricName: API_METRIC_NAMES[ref.kind][metric],
    dimensionsMap: apiDimensions(ref),
    statistic,
    period: Duration.seconds(periodSeconds),
  });
}
