/**
 * The Lambda event SNS delivers from the sandbox's own alarm topic: one record per alarm
 * notification, with the topic and subscription the sandbox created (what the responder sees when
 * a test invokes its handler directly instead of publishing).
 */
import { randomUUID } from 'node:crypto';

export interface SandboxTopic {
  readonly topicArn: string;
  readonly subscriptionArn: string;
}

export function topicDelivery(topic: SandboxTopic, messages: readonly unknown[]) {
  return {
    Records: messages.map((message) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: topic.subscriptionArn,
      Sns: {
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: topic.topicArn,
        Subject: 'ALARM',
        Message: JSON.stringify(message),
        Timestamp: new Date().toISOString(),
      },
    })),
  };
}
