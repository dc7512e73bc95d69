/**
 * SNS: topics are created by the emulator's CloudFormation; topic policies and subscriptions are
 * skipped, so SetTopicAttributes and Subscribe create them.
 */
import {
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { asStringList, pick } from './pick';
import type { Properties, ResourceHandler } from './resource-handler';

const SUBSCRIPTION_ATTRIBUTES = ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy'] as const;

export const topic: ResourceHandler = {
  attributes: (arn) => ({ TopicArn: arn, TopicName: arn.split(':').pop() ?? '' }),
  async read(arn, properties, context) {
    const { Attributes = {} } = await new SNSClient(context.clientConfig).send(
      new GetTopicAttributesCommand({ TopicArn: arn }),
    );
    return pick(Attributes, properties, ['DisplayName', 'KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication']);
  },
};

export const topicPolicy: ResourceHandler = {
  async create(logicalId, properties, context) {
    const sns = new SNSClient(context.clientConfig);
    for (const arn of asStringList(properties['Topics'])) {
      await sns.send(
        new SetTopicAttributesCommand({
          TopicArn: arn,
          AttributeName: 'Policy',
          AttributeValue: JSON.stringify(properties['PolicyDocument']),
        }),
      );
    }
    return context.generatedName(logicalId);
  },
  async read(_id, properties, context) {
    const sns = new SNSClient(context.clientConfig);
    const topics = asStringList(properties['Topics']);
    let policy: unknown;
    for (const arn of topics) {
      const { Attributes = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
      policy = JSON.parse(Attributes['Policy'] ?? 'null') as unknown;
      if (JSON.stringify(policy) !== JSON.stringify(properties['PolicyDocument'])) break;
    }
    return { PolicyDocument: policy, Topics: topics };
  },
};

function subscriptionAttributes(properties: Properties): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const key of SUBSCRIPTION_ATTRIBUTES) {
    const value = properties[key];
    if (value !== undefined) attributes[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return attributes;
}

export const subscription: ResourceHandler = {
  async create(_logicalId, properties, context) {
    const created = await new SNSClient(context.clientConfig).send(
      new SubscribeCommand({
        TopicArn: String(properties['TopicArn']),
        Protocol: String(properties['Protocol']),
        Endpoint: String(properties['Endpoint']),
        Attributes: subscriptionAttributes(properties),
        ReturnSubscriptionArn: true,
      }),
    );
    if (created.SubscriptionArn === undefined) throw new Error('Subscribe returned no SubscriptionArn');
    return created.SubscriptionArn;
  },
  async remove(arn, _properties, context) {
    await new SNSClient(context.clientConfig).send(new UnsubscribeCommand({ SubscriptionArn: arn }));
  },
  async read(arn, properties, context) {
    const { Attributes = {} } = await new SNSClient(context.clientConfig).send(
      new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }),
    );
    return pick(Attributes, properties, ['TopicArn', 'Protocol', 'Endpoint', ...SUBSCRIPTION_ATTRIBUTES]);
  },
};
