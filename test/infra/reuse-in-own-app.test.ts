/**
 * A user's own stack: a REST API and an HTTP API defined in the same app, their logging turned on
 * with StageLogging, and the alarm construct on the user's own topic.
 */
import { Stack } from 'aws-cdk-lib';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { App } from 'aws-cdk-lib';
import { ACCESS_LOG_FIELDS, ApiGatewayAlarms, StageLogging } from '../../lib';
import { scrubbed } from './support';

let template: Template;
let ids: { restStage: string; httpStage: string; topic: string };
let alarms: ApiGatewayAlarms;

beforeAll(() => {
  const stack = new Stack(new App(), 'UserStack');
  const restApi = new RestApi(stack, 'Orders', {
    restApiName: 'orders-api',
    deployOptions: { stageName: 'prod', loggingLevel: undefined },
  });
  restApi.root.addMethod('GET', new MockIntegration());
  const httpApi = new HttpApi(stack, 'Catalog');
  new StageLogging(stack, 'OrdersLogging', { stage: restApi.deploymentStage, executionLogLevel: 'INFO' });
  if (!httpApi.defaultStage) throw new Error('the HTTP API has a default stage');
  new StageLogging(stack, 'CatalogLogging', { stage: httpApi.defaultStage });
  const topic = new Topic(stack, 'MyTopic');
  alarms = new ApiGatewayAlarms(stack, 'Alarms', {
    apis: [{ kind: 'REST', name: 'orders-api', stages: ['prod'] }],
    thresholds: { latencyP99: { enabled: false } },
    topic,
  });
  template = Template.fromStack(stack);
  ids = {
    restStage: Object.keys(template.findResources('AWS::ApiGateway::Stage'))[0] ?? '',
    httpStage: Object.keys(template.findResources('AWS::ApiGatewayV2::Stage'))[0] ?? '',
    topic: Object.keys(template.findResources('AWS::SNS::Topic'))[0] ?? '',
  };
});

const logGroupArn = (): unknown =>
  expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersLoggingAccessLogs/), 'Arn'] });

it('turns on REST execution logging (no data trace) and JSON access logging', () => {
  const stage = template.toJSON().Resources[ids.restStage].Properties;
  expect(stage.MethodSettings).toEqual([
    { HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'INFO', DataTraceEnabled: false },
  ]);
  expect(stage.AccessLogSetting).toEqual({
    DestinationArn: logGroupArn(),
    Format: JSON.stringify(ACCESS_LOG_FIELDS.REST),
  });
  expect(JSON.parse(stage.AccessLogSetting.Format)).toMatchObject({
    status: '$context.status',
    integrationStatus: '$context.integration.status',
    integrationErrorMessage: '$context.integrationErrorMessage',
    errorResponseType: '$context.error.responseType',
  });
});

it('turns on JSON access logging for the HTTP API stage with its own variables', () => {
  const stage = template.toJSON().Resources[ids.httpStage].Properties;
  expect(stage.AccessLogSettings).toEqual({
    DestinationArn: expect.objectContaining({
      'Fn::GetAtt': [expect.stringMatching(/^CatalogLoggingAccessLogs/), 'Arn'],
    }),
    Format: JSON.stringify(ACCESS_LOG_FIELDS.HTTP),
  });
  expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({
    routeKey: '$context.routeKey',
    integrationErrorMessage: '$context.integrationErrorMessage',
  });
});

it('keeps the access logs a month by default', () => {
  template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 2);
});

it("alarms on the user's topic with the user's thresholds", () => {
  expect(alarms.alarms.map((alarm) => alarm.node.id)).toHaveLength(3);
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'apigw-responder|REST|orders-api|prod|5xx-count',
    AlarmActions: [{ Ref: ids.topic }],
    OKActions: [{ Ref: ids.topic }],
  });
  template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'Latency' }, 0);
});

it('rejects an invalid alarm config in the construct too', () => {
  const stack = new Stack(new App(), 'Other');
  expect(
    () =>
      new ApiGatewayAlarms(stack, 'Alarms', {
        apis: [{ kind: 'HTTP', id: 'nope', stages: ['$default'] }],
        topic: new Topic(stack, 'T'),
      }),
  ).toThrow('apis[0].id: "nope" is not valid. Use the 10-character API id');
});

it('rejects an unsupported execution log level', () => {
  const stack = new Stack(new App(), 'Other');
  const api = new RestApi(stack, 'Api');
  api.root.addMethod('GET', new MockIntegration());
  expect(
    () => new StageLogging(stack, 'Logging', { stage: api.deploymentStage, executionLogLevel: 'DEBUG' as 'INFO' }),
  ).toThrow('executionLogLevel: "DEBUG" is not supported. Use "ERROR" or "INFO".');
});

it('matches the snapshot', () => {
  expect(scrubbed(template)).toMatchSnapshot();
});
