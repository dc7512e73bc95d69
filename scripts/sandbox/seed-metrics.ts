/**
 * The metrics of a scenario's failure, per traffic minute: the API's request, error and latency
 * metrics, and the backend function's invocation metrics (none while it is never invoked).
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricDatum } from '@aws-sdk/client-cloudwatch';
import { FAILURES_PER_MINUTE, REQUESTS_PER_MINUTE } from './scenario-traffic';
import type { TrafficTimeline } from './scenario-traffic';
import type { ScenarioFailure } from './scenarios';
import type { SeedClients } from './seed-clients';

export interface SeedMetricsInput {
  readonly failure: ScenarioFailure;
  readonly kind: 'REST' | 'HTTP';
  readonly apiId: string;
  readonly apiName: string;
  readonly stage: string;
  readonly functionName: string;
  readonly timeline: TrafficTimeline;
}

/** PutMetricData takes at most 1000 data per call; 500 leaves room. */
export async function putMetrics(
  cloudWatch: Pick<CloudWatchClient, 'send'>,
  namespace: string,
  data: readonly MetricDatum[],
): Promise<void> {
  for (let i = 0; i < data.length; i += 500) {
    await cloudWatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(i, i + 500) }));
  }
}

export async function seedFailureMetrics(clients: SeedClients, input: SeedMetricsInput): Promise<void> {
  const { failure, kind, apiId, apiName, stage, functionName, timeline } = input;
  // REST API metrics are keyed by the API's name, HTTP API metrics by its id.
  const apiDimensions =
    kind === 'REST'
      ? [
          { Name: 'ApiName', Value: apiName },
          { Name: 'Stage', Value: stage },
        ]
      : [
          { Name: 'ApiId', Value: apiId },
          { Name: 'Stage', Value: stage },
        ];
  const apiData: MetricDatum[] = [];
  const lambdaData: MetricDatum[] = [];
  const fnDimensions = [{ Name: 'FunctionName', Value: functionName }];
  for (const minute of timeline.minutes) {
    const failing = minute >= timeline.onsetMinute;
    const Timestamp = new Date(minute);
    const datum = (MetricName: string, Value: number, Unit: 'Count' | 'Milliseconds'): MetricDatum => ({
      MetricName,
      Dimensions: apiDimensions,
      Timestamp,
      Value,
      Unit,
    });
    apiData.push(
      datum(kind === 'REST' ? '5XXError' : '5xx', failing ? FAILURES_PER_MINUTE : 0, 'Count'),
      datum(kind === 'REST' ? '4XXError' : '4xx', 1, 'Count'),
      datum('Count', REQUESTS_PER_MINUTE, 'Count'),
      datum('Latency', failing ? failure.latencyMs : 95, 'Milliseconds'),
      datum('IntegrationLatency', failing ? failure.integrationLatencyMs : 80, 'Milliseconds'),
    );
    const l = failing
      ? failure.lambda
      : {
          errors: 0,
          throttles: 0,
          durationMs: 61,
          concurrency: 2,
          invocations: failure.lambda.invocations === 0 ? 0 : REQUESTS_PER_MINUTE,
        };
    const fnDatum = (MetricName: string, Value: number, Unit: 'Count' | 'Milliseconds'): MetricDatum => ({
      MetricName,
      Dimensions: fnDimensions,
      Timestamp,
      Value,
      Unit,
    });
    if (l.invocations > 0 || l.throttles > 0) {
      lambdaData.push(
        fnDatum('Invocations', l.invocations, 'Count'),
        fnDatum('Errors', l.errors, 'Count'),
        fnDatum('Throttles', l.throttles, 'Count'),
        fnDatum('Duration', l.durationMs, 'Milliseconds'),
        fnDatum('ConcurrentExecutions', l.concurrency, 'Count'),
      );
    }
  }
  await putMetrics(clients.cloudWatch, 'AWS/ApiGateway', apiData);
  if (lambdaData.length > 0) await putMetrics(clients.cloudWatch, 'AWS/Lambda', lambdaData);
}
