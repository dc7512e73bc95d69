/**
 * The alarm behind a notification, made real in the emulator: the responder believes a
 * notification only when CloudWatch agrees (functions/provenance/), so before the sandbox sends
 * one it creates the alarm (PutMetricAlarm, as the stack would) and puts it in the claimed state
 * (SetAlarmState, as CloudWatch's evaluation would; moto evaluates no alarms itself).
 *
 * moto stamps StateUpdatedTimestamp with its own clock at SetAlarmState: a notification must then
 * claim a time at or before the call, which every caller does (seeded incidents start in the past).
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { PutMetricAlarmCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import type { AlarmSpec } from './alarm-notification';
import { alarmMessage } from './alarm-notification';

interface TriggerMetric {
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Dimensions?: readonly { name: string; value: string }[];
}

/** Creates (or updates) the alarm a notification of `spec` is about, in the state it claims. */
export async function putAlarmInState(cloudWatch: CloudWatchClient, spec: AlarmSpec): Promise<void> {
  const message = alarmMessage(spec);
  const name = String(message['AlarmName']);
  const trigger = message['Trigger'] as TriggerMetric & {
    Metrics?: readonly { MetricStat?: { Metric: TriggerMetric } }[];
  };
  // Metric-math alarms (5xx-rate) are created on their errors series: only the state matters here.
  const metric = trigger.Metrics?.find((m) => m.MetricStat !== undefined)?.MetricStat?.Metric ?? trigger;
  await cloudWatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      AlarmDescription: String(message['AlarmDescription']),
      Namespace: metric.Namespace,
      MetricName: metric.MetricName,
      Dimensions: (metric.Dimensions ?? []).map((d) => ({ Name: d.name, Value: d.value })),
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    }),
  );
  await cloudWatch.send(
    new SetAlarmStateCommand({
      AlarmName: name,
      StateValue: spec.state ?? 'ALARM',
      StateReason: String(message['NewStateReason']),
    }),
  );
}
