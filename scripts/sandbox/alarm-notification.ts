/**
 * Real-format CloudWatch alarm notifications for this project's alarms, in every delivery shape
 * (SNS to Lambda, SNS HTTP envelope, EventBridge, the alarm Lambda action). Shared by the tests,
 * the demo and the end-to-end benchmark, so all of them publish exactly what CloudWatch sends.
 */
import type { AlarmIdentity } from '../../lib/alarms/alarm-name';
import { alarmMarkerLine, alarmName } from '../../lib/alarms/alarm-name';
import type { ApiKind } from '../../functions/types';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:apigw-responder-alarms`;

export interface AlarmSpec {
  readonly kind?: ApiKind;
  /** REST: api name; HTTP: api id. */
  readonly api?: string;
  readonly stage?: string;
  readonly signal?: '5xx-count' | '5xx-rate' | 'p99-latency' | 'p99-integration-latency' | '4xx-rate';
  readonly state?: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  /** ISO; written the way CloudWatch does (+0000). */
  readonly time?: string;
  readonly region?: string;
  readonly account?: string;
}

function cwTime(iso: string): string {
  return iso.replace('Z', '+0000');
}

function identityOf(spec: AlarmSpec): AlarmIdentity {
  return {
    kind: spec.kind ?? 'REST',
    api: spec.api ?? 'orders-api',
    stage: spec.stage ?? 'prod',
    signal: spec.signal ?? '5xx-count',
  };
}

export function projectAlarmName(spec: AlarmSpec): string {
  return alarmName(identityOf(spec));
}

/** The Subject CloudWatch gives the SNS message: display text only, truncated by SNS at 100 characters. */
export function alarmSubject(message: Readonly<Record<string, unknown>>): string {
  return `${String(message['NewStateValue'])}: "${String(message['AlarmName'])}" in US East (N. Virginia)`.slice(0, 99);
}

function dimensionsOf(spec: AlarmSpec): { name: string; value: string }[] {
  const kind = spec.kind ?? 'REST';
  return [
    { value: spec.stage ?? 'prod', name: 'Stage' },
    { value: spec.api ?? 'orders-api', name: kind === 'REST' ? 'ApiName' : 'ApiId' },
  ];
}

/** The alarm message as CloudWatch publishes it to SNS, for one of this project's alarms. */
export function alarmMessage(spec: AlarmSpec = {}): Record<string, unknown> {
  const region = spec.region ?? REGION;
  const account = spec.account ?? ACCOUNT;
  const name = projectAlarmName(spec);
  const state = spec.state ?? 'ALARM';
  const time = spec.time ?? '2025-05-01T12:03:00.000Z';
  const signal = spec.signal ?? '5xx-count';
  const kind = spec.kind ?? 'REST';
  const metric5xx = kind === 'REST' ? '5XXError' : '5xx';
  const base = {
    AlarmName: name,
    AlarmDescription: `5XX errors on ${spec.api ?? 'orders-api'}/${spec.stage ?? 'prod'}. Runbook: https://example.com/runbook\n${alarmMarkerLine(identityOf(spec))}`,
    AWSAccountId: account,
    AlarmConfigurationUpdatedTimestamp: '2025-04-30T09:00:00.000+0000',
    NewStateValue: state,
    NewStateReason:
      state === 'ALARM'
        ? 'Threshold Crossed: 2 out of the last 3 datapoints [12.0 (01/05/25 12:02:00), 9.0 (01/05/25 12:01:00)] were greater than or equal to the threshold (5.0) (minimum 2 datapoints for OK -> ALARM transition).'
        : 'Threshold Crossed: 3 out of the last 3 datapoints were not greater than or equal to the threshold (5.0).',
    StateChangeTime: cwTime(time),
    Region: 'EU (Ireland)',
    AlarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`,
    OldStateValue: state === 'ALARM' ? 'OK' : 'ALARM',
    OKActions: [TOPIC_ARN],
    AlarmActions: [TOPIC_ARN],
    InsufficientDataActions: [],
  };
  if (signal === '5xx-rate') {
    // Metric math: the dimensions are inside Metrics[].MetricStat.
    return {
      ...base,
      Trigger: {
        Period: 60,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 2,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 5.0,
        TreatMissingData: 'notBreaching',
        EvaluateLowSampleCountPercentile: '',
        Metrics: [
          {
            Expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
            Id: 'rate',
            Label: '5XX rate (%)',
            ReturnData: true,
          },
          {
            Id: 'errors',
            MetricStat: {
              Metric: { Dimensions: dimensionsOf(spec), MetricName: metric5xx, Namespace: 'AWS/ApiGateway' },
              Period: 60,
              Stat: 'Sum',
            },
            ReturnData: false,
          },
          {
            Id: 'requests',
            MetricStat: {
              Metric: { Dimensions: dimensionsOf(spec), MetricName: 'Count', Namespace: 'AWS/ApiGateway' },
              Period: 60,
              Stat: 'SampleCount',
            },
            ReturnData: false,
          },
        ],
      },
    };
  }
  const metricName =
    signal === 'p99-latency' ? 'Latency' : signal === 'p99-integration-latency' ? 'IntegrationLatency' : metric5xx;
  const extended = signal.startsWith('p99');
  return {
    ...base,
    Trigger: {
      MetricName: metricName,
      Namespace: 'AWS/ApiGateway',
      StatisticType: extended ? 'ExtendedStatistic' : 'Statistic',
      ...(extended ? { ExtendedStatistic: 'p99' } : { Statistic: 'SUM' }),
      Unit: null,
      Dimensions: dimensionsOf(spec),
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: extended ? 25000 : 5.0,
      TreatMissingData: 'notBreaching',
      EvaluateLowSampleCountPercentile: '',
    },
  };
}

let messageCounter = 0;

/** SNS to Lambda. The same `messageId` marks a redelivery of the same SNS message. */
export function snsLambdaEvent(message: unknown, options: { messageId?: string; subject?: string } = {}) {
  messageCounter += 1;
  const record = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
  const name = typeof record['AlarmName'] === 'string' ? record['AlarmName'] : '';
  const state = typeof record['NewStateValue'] === 'string' ? record['NewStateValue'] : 'ALARM';
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${TOPIC_ARN}:2ddfe8f6-d7d2-4ff3-9983-e4ca910b20ee`,
        Sns: {
          Type: 'Notification',
          MessageId: options.messageId ?? `00000000-0000-5000-8000-${String(messageCounter).padStart(12, '0')}`,
          TopicArn: TOPIC_ARN,
          Subject: options.subject ?? `${state}: "${name.slice(0, 60)}" in EU (Ireland)`,
          Message: typeof message === 'string' ? message : JSON.stringify(message),
          Timestamp: '2025-05-01T12:03:00.050Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem',
          UnsubscribeUrl: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** SNS HTTP(S)/SQS delivery: the envelope itself. */
export function snsEnvelope(message: unknown, type = 'Notification') {
  return {
    Type: type,
    MessageId: '2d3a994f-adb5-5d6f-ab5e-c2e508881361',
    TopicArn: TOPIC_ARN,
    Subject: 'ALARM',
    Message: typeof message === 'string' ? message : JSON.stringify(message),
    Timestamp: '2025-05-01T12:03:00.050Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLE',
    SigningCertURL: 'https://sns.eu-west-1.amazonaws.com/cert.pem',
    UnsubscribeURL: 'https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe',
  };
}

function cwDimensions(spec: AlarmSpec): Record<string, string> {
  return Object.fromEntries(dimensionsOf(spec).map((d) => [d.name, d.value]));
}

function cwAlarmData(spec: AlarmSpec) {
  const time = cwTime(spec.time ?? '2025-05-01T12:03:00.000Z');
  return {
    alarmName: projectAlarmName(spec),
    state: {
      value: spec.state ?? 'ALARM',
      reason:
        'Threshold Crossed: 1 datapoint [12.0 (01/05/25 12:02:00)] was greater than or equal to the threshold (5.0).',
      reasonData: JSON.stringify({
        version: '1.0',
        queryDate: time,
        startDate: '2025-05-01T12:00:00.000+0000',
        statistic: 'Sum',
        period: 60,
        recentDatapoints: [12.0],
        threshold: 5.0,
        evaluatedDatapoints: [{ timestamp: '2025-05-01T12:02:00.000+0000', sampleCount: 3.0, value: 12.0 }],
      }),
      timestamp: time,
    },
    previousState: { value: 'OK', reason: 'Threshold Crossed', timestamp: '2025-05-01T11:00:00.000+0000' },
    configuration: {
      description: '5XX errors',
      metrics: [
        {
          id: 'e3a8f1c2-0000-4000-8000-000000000001',
          metricStat: {
            metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: cwDimensions(spec) },
            period: 60,
            stat: 'Sum',
          },
          returnData: true,
        },
      ],
    },
  };
}

export function eventBridgeEvent(spec: AlarmSpec = {}) {
  const region = spec.region ?? REGION;
  const account = spec.account ?? ACCOUNT;
  return {
    version: '0',
    id: 'c4c1c1c9-6542-e61b-6ef0-8c4d36933a92',
    'detail-type': 'CloudWatch Alarm State Change',
    source: 'aws.cloudwatch',
    account,
    time: '2025-05-01T12:03:00Z',
    region,
    resources: [`arn:aws:cloudwatch:${region}:${account}:alarm:${projectAlarmName(spec)}`],
    detail: cwAlarmData(spec),
  };
}

export function lambdaActionEvent(spec: AlarmSpec = {}) {
  const region = spec.region ?? REGION;
  const account = spec.account ?? ACCOUNT;
  return {
    source: 'aws.cloudwatch',
    alarmArn: `arn:aws:cloudwatch:${region}:${account}:alarm:${projectAlarmName(spec)}`,
    accountId: account,
    time: cwTime(spec.time ?? '2025-05-01T12:03:00.000Z'),
    region,
    alarmData: cwAlarmData(spec),
  };
}
