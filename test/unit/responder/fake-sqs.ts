/** A tiny in-memory SQS queue for the replay tests: receive (with visibility), delete, release. */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';

interface Stored {
  readonly id: string;
  readonly body: string;
  invisible: boolean;
  handle?: string;
}

export class FakeQueue {
  private readonly messages: Stored[] = [];
  private counter = 0;

  add(body: unknown): void {
    this.counter += 1;
    this.messages.push({
      id: `msg-${this.counter}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      invisible: false,
    });
  }

  get size(): number {
    return this.messages.length;
  }

  bodies(): unknown[] {
    return this.messages.map((m) => JSON.parse(m.body) as unknown);
  }

  readonly client: Pick<SQSClient, 'send'> = {
    send: ((command: unknown) => Promise.resolve(this.handle(command))) as SQSClient['send'],
  };

  private handle(command: unknown): unknown {
    if (command instanceof ReceiveMessageCommand) {
      const max = command.input.MaxNumberOfMessages ?? 1;
      const visible = this.messages.filter((m) => !m.invisible).slice(0, max);
      for (const m of visible) {
        m.invisible = true;
        m.handle = `${m.id}-handle-${Math.random()}`;
      }
      return { Messages: visible.map((m) => ({ MessageId: m.id, ReceiptHandle: m.handle, Body: m.body })) };
    }
    if (command instanceof DeleteMessageCommand) {
      const index = this.messages.findIndex((m) => m.handle === command.input.ReceiptHandle);
      if (index >= 0) this.messages.splice(index, 1);
      return {};
    }
    if (command instanceof ChangeMessageVisibilityCommand) {
      const message = this.messages.find((m) => m.handle === command.input.ReceiptHandle);
      if (message !== undefined && command.input.VisibilityTimeout === 0) message.invisible = false;
      return {};
    }
    throw new Error(`FakeQueue: unsupported command ${String((command as object).constructor.name)}`);
  }
}
