/** The least a user can write: defaults everywhere, optional features absent. Synthesized without bundling. */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib';
import { asList, MINIMAL_CONFIG, NO_BUNDLING, policyStatements, resourcesOfType } from './support';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(buildApp(MINIMAL_CONFIG, NO_BUNDLING).stack);
});

it('uses the default thresholds and leaves the 4XX rate off', () => {
  const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'))
    .map((alarm) => alarm.Properties ?? {})
    .filter((props) => typeof props.AlarmName === 'string' && props.AlarmName.startsWith('apigw-responder|'))
    .map((props) => [props.AlarmName, props.Threshold, props.EvaluationPeriods, props.DatapointsToAlarm]);
  expect(alarms).toEqual([
    ['apigw-responder|HTTP|f6g7h8i9j0|$default|5xx-count', 10, 3, 2],
    ['apigw-responder|HTTP|f6g7h8i9j0|$default|5xx-rate', 5, 3, 2],
    ['apigw-responder|HTTP|f6g7h8i9j0|$default|p99-latency', 5000, 3, 2],
    ['apigw-responder|HTTP|f6g7h8i9j0|$default|p99-integration-latency', 28000, 3, 2],
  ]);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'apigw-responder|HTTP|f6g7h8i9j0|$default|5xx-rate',
    Metrics: Match.arrayWith([
      Match.objectLike({ Expression: 'IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)' }),
    ]),
  });
});

it('defaults the function to 5 reserved executions and 30 days of logs', () => {
  template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 5 });
  template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
});

it("reserves no concurrency with reservedConcurrency 'none' (accounts whose quota is 10)", () => {
  const config = { ...MINIMAL_CONFIG, responder: { reservedConcurrency: 'none' as const } };
  const none = Template.fromStack(buildApp(config, NO_BUNDLING).stack);
  const functions = Object.values(resourcesOfType(none, 'AWS::Lambda::Function'));
  expect(functions.length).toBeGreaterThan(0);
  for (const fn of functions) expect(fn.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
});

it('creates no EventBridge rule and no e-mail subscription unless asked', () => {
  template.resourceCountIs('AWS::Events::Rule', 0);
  template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 0);
});

it("grants no secret, no OpsItem and only the enabled probes' actions", () => {
  const actions = [...new Set(policyStatements(template).flatMap((s) => asList(s.Action)))].sort();
  expect(actions).toEqual([
    'apigateway:GET',
    'cloudwatch:DescribeAlarmHistory',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:GetMetricData',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'sqs:SendMessage',
    'xray:PutTelemetryRecords',
    'xray:PutTraceSegments',
  ]);
});
