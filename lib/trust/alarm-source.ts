/**
 * Who may publish to the responder's topics and use its key: CloudWatch, on behalf of this
 * account's alarms of this project only. CloudWatch sets `aws:SourceAccount` (the alarm's account)
 * and `aws:SourceArn` (the alarm's ARN) on its SNS publish and on the KMS calls SNS makes for it,
 * so a condition on both stops another account's alarm, and this account's other alarms, from
 * using the topics (the confused-deputy protection AWS recommends for service principals).
 *
 * An `AWS::SNS::TopicPolicy` replaces SNS's default topic policy: without the statement below
 * CloudWatch cannot publish at all and the alarms fail silently ("not authorized to perform:
 * SNS:Publish" in the alarm history). Same-account IAM principals (an operator running
 * `apigw-responder replay-dlq --topic-arn`) still publish with their own identity policy: within
 * one account either the identity or the resource policy may allow.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { ALARM_NAME_PREFIX, ALARM_NAME_SEPARATOR } from '../alarms/alarm-name';
import type { WildcardAcknowledgements } from '../responder/wildcard-acknowledgements';

export const CLOUDWATCH_PRINCIPAL = 'cloudwatch.amazonaws.com';

/** Names of the responder's own (operator) alarms start with this, then the stack name. */
export const OPERATOR_ALARM_PREFIX = `${ALARM_NAME_PREFIX}-operator`;

/** `apigw-responder-operator|<stack>|<what>`: unique per stack, never matched as an API alarm. */
export function operatorAlarmName(scope: IConstruct, what: string): string {
  return [OPERATOR_ALARM_PREFIX, Stack.of(scope).stackName, what].join(ALARM_NAME_SEPARATOR);
}

function alarmArnPattern(scope: IConstruct, namePattern: string, region = Stack.of(scope).region): string {
  const stack = Stack.of(scope);
  return `arn:${stack.partition}:cloudwatch:${region}:${stack.account}:alarm:${namePattern}`;
}

/** The ARNs of the watched API alarms: `apigw-responder|*` in this account and region. */
export function apiAlarmArnPattern(scope: IConstruct): string {
  return alarmArnPattern(scope, `${ALARM_NAME_PREFIX}${ALARM_NAME_SEPARATOR}*`);
}

/** The ARNs of this stack's operator alarms. */
export function operatorAlarmArnPattern(scope: IConstruct): string {
  return alarmArnPattern(
    scope,
    `${OPERATOR_ALARM_PREFIX}${ALARM_NAME_SEPARATOR}${Stack.of(scope).stackName}${ALARM_NAME_SEPARATOR}*`,
  );
}

/** The condition block: this account, and an alarm ARN matching one of `arnPatterns`. */
export function alarmSourceCondition(scope: IConstruct, arnPatterns: readonly string[]) {
  return {
    StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    ArnLike: { 'aws:SourceArn': arnPatterns.length === 1 ? arnPatterns[0] : [...arnPatterns] },
  };
}

/** Topic policy statement: CloudWatch may publish for the alarms matching `arnPattern` only. */
export function allowAlarmsToPublish(scope: IConstruct, sid: string, topicArn: string, arnPattern: string) {
  return new PolicyStatement({
    sid,
    principals: [new ServicePrincipal(CLOUDWATCH_PRINCIPAL)],
    actions: ['sns:Publish'],
    resources: [topicArn],
    conditions: alarmSourceCondition(scope, [arnPattern]),
  });
}

/** Key policy statement: CloudWatch may encrypt for the topics, for these alarms only. */
export function allowAlarmsToUseKey(scope: IConstruct, arnPatterns: readonly string[]) {
  return new PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new ServicePrincipal(CLOUDWATCH_PRINCIPAL)],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: ['*'],
    conditions: alarmSourceCondition(scope, arnPatterns),
  });
}

/**
 * The alarms the provenance gate may read (DescribeAlarms, DescribeAlarmHistory): this project's
 * alarms and the explicitly allowed ones, in this account, in the responder's region (`homeRegion`,
 * by default this stack's) and the configured regions.
 */
export function readableAlarmArns(
  scope: IConstruct,
  regions: readonly string[],
  allowedAlarms: readonly string[],
  homeRegion: string = Stack.of(scope).region,
): string[] {
  const names = [`${ALARM_NAME_PREFIX}${ALARM_NAME_SEPARATOR}*`, ...allowedAlarms];
  return [...new Set([homeRegion, ...regions])].flatMap((region) =>
    names.map((name) => alarmArnPattern(scope, name, region)),
  );
}

export function readAlarmsStatement(
  scope: IConstruct,
  regions: readonly string[],
  allowedAlarms: readonly string[],
  homeRegion?: string,
) {
  return new PolicyStatement({
    actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'],
    resources: readableAlarmArns(scope, regions, allowedAlarms, homeRegion),
  });
}

/**
 * The provenance gate's read of the alarms' state, with its reason for cdk-nag: on the responder's
 * role for this account's alarms, and on a member account's read role for that account's.
 */
export function grantReadAlarms(
  scope: IConstruct,
  grantee: IGrantable,
  trust: { readonly regions: readonly string[]; readonly allowedAlarms: readonly string[] },
  acknowledgements: WildcardAcknowledgements,
  homeRegion?: string,
): void {
  const readAlarms = readAlarmsStatement(scope, trust.regions, trust.allowedAlarms, homeRegion);
  grantee.grantPrincipal.addToPrincipalPolicy(readAlarms);
  acknowledgements.add(
    readAlarms.resources,
    "This project's alarms by their name prefix (one per API, stage and signal).",
    readAlarms.actions,
  );
}
