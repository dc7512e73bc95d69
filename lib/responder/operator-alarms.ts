/**
 * The responder must never be the only one watching itself: these alarms go to a separate
 * operator topic (e-mail), not through the responder.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { operatorAlarmName } from '../trust/alarm-source';

/** The handler emits these (Powertools Metrics adds the `service` dimension). */
export const RESPONDER_METRICS = {
  namespace: 'ApiGatewayResponder',
  service: 'apigw-responder',
  malformedEvents: 'MalformedEvents',
  untrustedEvents: 'UntrustedEvents',
  readRoleFailures: 'ReadRoleFailures',
} as const;

export interface OperatorAlarmsProps {
  readonly function: IFunction;
  readonly deadLetterQueue: IQueue;
  readonly topic: ITopic;
  /** Member accounts' read roles are configured (crossAccountRoles): alarm when one fails. @default false */
  readonly readRoles?: boolean;
}

const FIVE_MINUTES = Duration.minutes(5);

export class OperatorAlarms extends Construct {
  readonly deadLetterQueueDepth: Alarm;
  readonly errors: Alarm;
  readonly throttles: Alarm;
  readonly malformedEvents: Alarm;
  readonly untrustedEvents: Alarm;
  readonly readRoleFailures?: Alarm;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    // Any single occurrence matters here: each one is an incident nobody was told about.
    const alarmOn = (alarmId: string, metric: IMetric, description: string): Alarm => {
      const alarm = new Alarm(this, alarmId, {
        // A fixed name: the topic and key policies let CloudWatch publish for these names only.
        alarmName: operatorAlarmName(this, alarmId),
        metric,
        alarmDescription: description,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return alarm;
    };

    this.deadLetterQueueDepth = alarmOn(
      'DeadLetterQueueDepth',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      'apigw-responder: alarm notifications failed after all retries and wait in the dead-letter queue. Inspect and replay them with `apigw-responder replay-dlq`.',
    );
    this.errors = alarmOn(
      'ResponderErrors',
      props.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'apigw-responder: the responder Lambda failed (it is retried twice, then the event goes to the dead-letter queue). Check its log group.',
    );
    this.throttles = alarmOn(
      'ResponderThrottles',
      props.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'apigw-responder: the responder Lambda was throttled (reserved concurrency reached during an alarm storm); summaries are delayed.',
    );
    const responderCount = (metricName: string): Metric =>
      new Metric({
        namespace: RESPONDER_METRICS.namespace,
        metricName,
        dimensionsMap: { service: RESPONDER_METRICS.service },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      });
    this.malformedEvents = alarmOn(
      'MalformedEvents',
      responderCount(RESPONDER_METRICS.malformedEvents),
      'apigw-responder: the responder received notifications it could not parse as API Gateway alarms. Check its log group for the rejected events.',
    );
    this.untrustedEvents = alarmOn(
      'UntrustedEvents',
      responderCount(RESPONDER_METRICS.untrustedEvents),
      'apigw-responder: the responder refused alarm notifications it could not trust (foreign account, region or alarm, unwatched API, implausible time, or a state CloudWatch does not confirm): possibly forged. Search its log group for "event rejected" and the RejectedEvents metric by reason.',
    );
    if (props.readRoles === true) {
      this.readRoleFailures = alarmOn(
        'ReadRoleFailures',
        responderCount(RESPONDER_METRICS.readRoleFailures),
        "apigw-responder: a member account's read role failed: refused by STS (its incidents are not diagnosed and their alarms pass on their claims), not available for now (the records are retried), or without the alarm read (the member stack is older than the config). The ReadRoleFailures metric by account and kind, and the log group's 'read role' lines, say which; see docs/cross-account.md.",
      );
    }
  }
}
