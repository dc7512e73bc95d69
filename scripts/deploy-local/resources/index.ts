/**
 * The table of resource handlers by CloudFormation type. A type missing here is reported
 * "not verified: TYPE" by the rehearsal, never passed silently: add a handler when the stack
 * gains a new kind of resource.
 */
import { alarm } from './cloudwatch';
import { table } from './dynamodb';
import { rule } from './events';
import { policy, role } from './iam';
import { key } from './kms';
import { eventInvokeConfig, functionUrl, lambdaFunction, permission } from './lambda';
import { logGroup } from './logs';
import type { ResourceHandler } from './resource-handler';
import { subscription, topic, topicPolicy } from './sns';
import { queue, queuePolicy } from './sqs';

export const RESOURCE_HANDLERS: Readonly<Record<string, ResourceHandler>> = {
  'AWS::CloudWatch::Alarm': alarm,
  'AWS::DynamoDB::Table': table,
  'AWS::Events::Rule': rule,
  'AWS::IAM::Role': role,
  'AWS::IAM::Policy': policy,
  'AWS::KMS::Key': key,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::EventInvokeConfig': eventInvokeConfig,
  'AWS::Lambda::Permission': permission,
  'AWS::Lambda::Url': functionUrl,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::SNS::Topic': topic,
  'AWS::SNS::TopicPolicy': topicPolicy,
  'AWS::SNS::Subscription': subscription,
  'AWS::SQS::Queue': queue,
  'AWS::SQS::QueuePolicy': queuePolicy,
};

/** Template entries that are not deployed resources: CDK's metadata resource. */
export const NOT_RESOURCES: ReadonlySet<string> = new Set(['AWS::CDK::Metadata']);
