/**
 * zod schemas (zod/mini: the full build would add 450 KB to the bundle) of every shape a CloudWatch alarm notification reaches the responder in. Lenient on
 * the fields the responder only reports (a wrong type there becomes `undefined`), strict on the
 * ones it cannot do without (alarm name, state, time). Unknown keys are ignored: AWS adds keys
 * over time (AlarmTags, ActionExecutedAfterMuteWindow).
 */
import * as z from 'zod/mini';

/** Optional and tolerant: absent, null or of the wrong type all read as undefined. */
function lenient<T extends z.ZodMiniType>(schema: T) {
  return z.catch(z.nullish(schema), undefined);
}

const text = lenient(z.string());
const num = lenient(z.number());
const bool = lenient(z.boolean());

// ---------------------------------------------------------------------------------------------
// SNS: the alarm message is PascalCase; dimensions are a list of {name, value}.
// ---------------------------------------------------------------------------------------------

const SnsDimension = z.object({ name: z.string(), value: z.string() });
const SnsDimensions = lenient(z.array(lenient(SnsDimension)));

const SnsMetricStat = z.object({
  Metric: z.object({ Dimensions: SnsDimensions, MetricName: text, Namespace: text }),
  Period: num,
  Stat: text,
  Unit: text,
});

const SnsMetricDataQuery = z.object({
  Id: text,
  Expression: text,
  Label: text,
  ReturnData: bool,
  MetricStat: lenient(SnsMetricStat),
  Period: num,
  AccountId: text,
});

const SnsTrigger = z.object({
  MetricName: text,
  Namespace: text,
  StatisticType: text,
  Statistic: text,
  ExtendedStatistic: text,
  Unit: text,
  Dimensions: SnsDimensions,
  Period: num,
  EvaluationPeriods: num,
  DatapointsToAlarm: num,
  ComparisonOperator: text,
  Threshold: num,
  ThresholdMetricId: text,
  TreatMissingData: text,
  Metrics: lenient(z.array(lenient(SnsMetricDataQuery))),
});

const SnsTriggeringChild = z.object({
  Arn: z.string(),
  State: lenient(z.object({ Value: text, Timestamp: text })),
});

/** The alarm notification as SNS publishes it (the `Message` string, decoded). */
export const SnsAlarmMessage = z.object({
  AlarmName: z.string().check(z.minLength(1)),
  AlarmDescription: text,
  AWSAccountId: text,
  NewStateValue: z.string(),
  NewStateReason: text,
  StateChangeTime: z.string(),
  Region: text,
  AlarmArn: text,
  OldStateValue: text,
  Trigger: lenient(SnsTrigger),
  AlarmRule: text,
  TriggeringChildren: lenient(z.array(lenient(SnsTriggeringChild))),
});
export type SnsAlarmMessage = z.infer<typeof SnsAlarmMessage>;

/** SNS HTTP/HTTPS or SQS delivery (no raw message delivery): the envelope with a `Message` string. */
export const SnsEnvelope = z.object({
  Type: z.string(),
  MessageId: text,
  TopicArn: text,
  Message: z.string(),
  Timestamp: text,
});
export type SnsEnvelope = z.infer<typeof SnsEnvelope>;

/** SNS to Lambda: `Records[].Sns`. */
export const SnsLambdaRecord = z.object({
  EventSource: z.literal('aws:sns'),
  EventSubscriptionArn: text,
  Sns: z.object({
    Type: text,
    MessageId: text,
    TopicArn: text,
    Message: z.string(),
    Timestamp: text,
  }),
});
export type SnsLambdaRecord = z.infer<typeof SnsLambdaRecord>;

/** SNS to SQS to Lambda: `Records[].body` is the SNS envelope (or, with raw delivery, the alarm). */
export const SqsLambdaRecord = z.object({
  eventSource: z.literal('aws:sqs'),
  messageId: text,
  eventSourceARN: text,
  body: z.string(),
});
export type SqsLambdaRecord = z.infer<typeof SqsLambdaRecord>;

export const RecordsEvent = z.object({ Records: z.array(z.unknown()) });

// ---------------------------------------------------------------------------------------------
// EventBridge and the alarm Lambda action: camelCase; dimensions are an object map.
// ---------------------------------------------------------------------------------------------

const CwMetricStat = z.object({
  metric: z.object({
    namespace: text,
    name: text,
    dimensions: lenient(z.record(z.string(), lenient(z.string()))),
  }),
  period: num,
  stat: text,
  unit: text,
});

const CwMetricDataQuery = z.object({
  id: text,
  expression: text,
  label: text,
  returnData: bool,
  metricStat: lenient(CwMetricStat),
  period: num,
  accountId: text,
});

const CwState = z.object({
  value: z.string(),
  reason: text,
  reasonData: text,
  timestamp: z.string(),
});

const CwPreviousState = z.object({ value: text, timestamp: text });

export const CwAlarmData = z.object({
  alarmName: z.string().check(z.minLength(1)),
  state: CwState,
  previousState: lenient(CwPreviousState),
  configuration: lenient(
    z.object({
      description: text,
      metrics: lenient(z.array(lenient(CwMetricDataQuery))),
      alarmRule: text,
    }),
  ),
});
export type CwAlarmData = z.infer<typeof CwAlarmData>;

/** EventBridge "CloudWatch Alarm State Change". */
export const EventBridgeAlarmEvent = z.object({
  'detail-type': z.literal('CloudWatch Alarm State Change'),
  source: z.literal('aws.cloudwatch'),
  id: text,
  account: text,
  region: text,
  time: text,
  resources: lenient(z.array(z.string())),
  detail: CwAlarmData,
});
export type EventBridgeAlarmEvent = z.infer<typeof EventBridgeAlarmEvent>;

/** The alarm's own Lambda action: `source: aws.cloudwatch`, `alarmData`, no `detail-type`. */
export const LambdaActionAlarmEvent = z.object({
  source: z.literal('aws.cloudwatch'),
  alarmArn: text,
  accountId: text,
  region: text,
  time: text,
  alarmData: CwAlarmData,
});
export type LambdaActionAlarmEvent = z.infer<typeof LambdaActionAlarmEvent>;

/** `reasonData` of composite alarms (EventBridge/action), a JSON string. */
export const CompositeReasonData = z.object({
  triggeringAlarms: lenient(z.array(lenient(z.object({ arn: z.string() })))),
});

/** `reasonData` of metric alarms: the evaluation the state change was based on. */
export const MetricReasonData = z.object({
  startDate: text,
  period: num,
  statistic: text,
  threshold: num,
  evaluatedDatapoints: lenient(z.array(z.unknown())),
});
