/** SQS: queues are created by the emulator's CloudFormation; queue policies are skipped. */
import { GetQueueAttributesCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { asStringList, pick } from './pick';
import type { ResourceHandler } from './resource-handler';

const QUEUE_ATTRIBUTES = [
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'MessageRetentionPeriod',
  'VisibilityTimeout',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'RedrivePolicy',
] as const;

function arnOf(url: string, region: string, account: string): string {
  return `arn:aws:sqs:${region}:${account}:${url.split('/').pop() ?? ''}`;
}

export const queue: ResourceHandler = {
  attributes: (url, context) => ({
    Arn: arnOf(url, context.region, context.account),
    QueueName: url.split('/').pop() ?? '',
    QueueUrl: url,
  }),
  async read(url, properties, context) {
    const { Attributes = {} } = await new SQSClient(context.clientConfig).send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    return pick(Attributes, properties, QUEUE_ATTRIBUTES);
  },
  defaults: { MessageRetentionPeriod: 345600, VisibilityTimeout: 30 },
};

export const queuePolicy: ResourceHandler = {
  async create(logicalId, properties, context) {
    const sqs = new SQSClient(context.clientConfig);
    for (const url of asStringList(properties['Queues'])) {
      await sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: url,
          Attributes: { Policy: JSON.stringify(properties['PolicyDocument']) },
        }),
      );
    }
    return context.generatedName(logicalId);
  },
  async read(_id, properties, context) {
    const sqs = new SQSClient(context.clientConfig);
    const queues = asStringList(properties['Queues']);
    let policy: unknown;
    for (const url of queues) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] }),
      );
      policy = JSON.parse(Attributes['Policy'] ?? 'null') as unknown;
      if (JSON.stringify(policy) !== JSON.stringify(properties['PolicyDocument'])) break;
    }
    return { PolicyDocument: policy, Queues: queues };
  },
};
