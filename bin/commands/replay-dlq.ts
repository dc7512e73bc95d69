/**
 * `apigw-responder replay-dlq`: re-drives the responder's dead-letter queue once the cause (a
 * destination outage, a bad secret) is fixed. Every message is an event the responder gave up on
 * after Lambda's retries; replaying it is safe because the responder is idempotent per alarm
 * state change: destinations that already have the message are skipped, the others get it.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { DlqEntry } from '../../functions/responder/dlq-record';
import { readDlqBody, snsMessagesOf } from '../../functions/responder/dlq-record';

const USAGE = `Usage: apigw-responder replay-dlq --queue-url URL [--function NAME|ARN | --topic-arn ARN]
                                  [--endpoint-url URL] [--region REGION] [--max N] [--dry-run]

Reads the responder's dead-letter queue (the stack's DeadLetterQueue resource; the operator
alarm on its depth names it) and re-drives each
failed alarm notification, oldest first:
  default        invokes the responder synchronously with the original event (the function named
                 in the failure record, or --function); the message is deleted when it succeeds
  --topic-arn    re-publishes the original alarm message to the alarm topic instead
  --dry-run      lists what would be replayed (alarm, state, time, last error); changes nothing

Safe to repeat: the responder remembers, per alarm state change, which destinations already got
the message and sends only the missing ones. A message whose replay fails stays in the queue.

  --queue-url URL      the dead-letter queue
  --function NAME|ARN  the responder function (default: from each failure record)
  --topic-arn ARN      re-publish to this SNS topic instead of invoking
  --endpoint-url URL   AWS endpoint override (a local emulator)
  --region REGION      default: from the queue URL, else AWS_REGION
  --max N              at most N messages (default 100)
  --dry-run            list only

Exit status: 0 when every message was replayed (or listed), 1 when some failed, 2 on bad options.`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ReplayOptions {
  readonly queueUrl: string;
  readonly functionName?: string;
  readonly topicArn?: string;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly max: number;
  readonly dryRun: boolean;
}

export interface InvokeOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

export interface ReplayPorts {
  readonly sqs: Pick<SQSClient, 'send'>;
  readonly invoke: (functionName: string, payload: unknown) => Promise<InvokeOutcome>;
  readonly publish: (topicArn: string, message: string, subject?: string) => Promise<void>;
  readonly out: (line: string) => void;
}

export interface ReplayResult {
  readonly found: number;
  readonly replayed: number;
  readonly failed: number;
}

export function parseArgs(argv: readonly string[]): ReplayOptions | 'help' {
  const values: Record<string, string> = {};
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--dry-run') {
      dryRun = true;
      continue;
    }
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (!['--queue-url', '--function', '--topic-arn', '--endpoint-url', '--region', '--max'].includes(flag)) {
      throw new UsageError(`unknown option "${arg}"`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
    values[flag] = value;
  }
  const queueUrl = values['--queue-url'];
  if (queueUrl === undefined) throw new UsageError('--queue-url is required');
  if (values['--function'] !== undefined && values['--topic-arn'] !== undefined) {
    throw new UsageError('use either --function or --topic-arn, not both');
  }
  const max = values['--max'] === undefined ? 100 : Number(values['--max']);
  if (!Number.isInteger(max) || max < 1)
    throw new UsageError(`--max must be a positive integer, got "${values['--max']}"`);
  return {
    queueUrl,
    max,
    dryRun,
    ...(values['--function'] === undefined ? {} : { functionName: values['--function'] }),
    ...(values['--topic-arn'] === undefined ? {} : { topicArn: values['--topic-arn'] }),
    ...(values['--endpoint-url'] === undefined ? {} : { endpointUrl: values['--endpoint-url'] }),
    ...(values['--region'] === undefined ? {} : { region: values['--region'] }),
  };
}

interface Received {
  readonly receiptHandle: string;
  readonly messageId: string;
  readonly entry?: DlqEntry;
  readonly unreadable?: string;
}

async function receiveAll(options: ReplayOptions, sqs: ReplayPorts['sqs']): Promise<Received[]> {
  const received: Received[] = [];
  while (received.length < options.max) {
    const batch = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, options.max - received.length),
        WaitTimeSeconds: 1,
        // Long enough to replay the whole batch; a message not deleted in time simply comes back.
        VisibilityTimeout: 900,
      }),
    );
    const messages = batch.Messages ?? [];
    if (messages.length === 0) break;
    for (const message of messages) {
      if (message.ReceiptHandle === undefined) continue;
      const base = { receiptHandle: message.ReceiptHandle, messageId: message.MessageId ?? '?' };
      try {
        received.push({ ...base, entry: readDlqBody(message.Body ?? '') });
      } catch (error) {
        received.push({ ...base, unreadable: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  // Oldest first: an incident's opening message before its replies and its resolution.
  return received.sort((a, b) => (a.entry?.timestamp ?? '').localeCompare(b.entry?.timestamp ?? ''));
}

async function replayOne(entry: DlqEntry, options: ReplayOptions, ports: ReplayPorts): Promise<InvokeOutcome> {
  if (options.topicArn !== undefined) {
    for (const { message, subject } of snsMessagesOf(entry.payload))
      await ports.publish(options.topicArn, message, subject);
    return { ok: true };
  }
  const functionName = options.functionName ?? entry.functionArn;
  if (functionName === undefined) return { ok: false, error: 'the record names no function: pass --function' };
  return ports.invoke(functionName, entry.payload);
}

export async function replayDlq(options: ReplayOptions, ports: ReplayPorts): Promise<ReplayResult> {
  const messages = await receiveAll(options, ports.sqs);
  let replayed = 0;
  let failed = 0;
  const release = (m: Received) =>
    ports.sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: options.queueUrl,
        ReceiptHandle: m.receiptHandle,
        VisibilityTimeout: 0,
      }),
    );
  for (const message of messages) {
    const { entry } = message;
    if (entry === undefined) {
      ports.out(`✗ ${message.messageId}: not a JSON message (${message.unreadable ?? '?'}); left in the queue`);
      failed += 1;
      await release(message);
      continue;
    }
    const what = entry.alarms.join('; ') || 'no alarm notification';
    const why = [entry.condition, entry.attempts === undefined ? undefined : `${entry.attempts} attempts`, entry.error]
      .filter((p) => p !== undefined)
      .join(', ');
    if (options.dryRun) {
      ports.out(`• ${message.messageId} ${entry.timestamp ?? ''} ${what}${why === '' ? '' : ` — ${why}`}`);
      await release(message);
      continue;
    }
    let outcome: InvokeOutcome;
    try {
      outcome = await replayOne(entry, options, ports);
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.ok) {
      await ports.sqs.send(
        new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.receiptHandle }),
      );
      replayed += 1;
      ports.out(`✓ ${message.messageId} ${what}`);
    } else {
      failed += 1;
      await release(message);
      ports.out(`✗ ${message.messageId} ${what}: ${outcome.error ?? 'failed'}; left in the queue`);
    }
  }
  ports.out(
    options.dryRun
      ? `${messages.length} message(s) in the dead-letter queue (dry run: nothing replayed)`
      : `${replayed} replayed, ${failed} failed, of ${messages.length} message(s)`,
  );
  return { found: messages.length, replayed, failed };
}

function regionOf(options: ReplayOptions): string | undefined {
  return (
    options.region ?? /sqs[.-]([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(options.queueUrl)?.[1] ?? process.env['AWS_REGION']
  );
}

/** The real AWS clients (or the emulator's, with --endpoint-url). */
async function awsPorts(options: ReplayOptions): Promise<ReplayPorts> {
  const region = regionOf(options);
  const common = {
    ...(region === undefined ? {} : { region }),
    ...(options.endpointUrl === undefined ? {} : { endpoint: options.endpointUrl }),
  };
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return {
    sqs: new SQSClient(common),
    invoke: async (functionName, payload) => {
      const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
      const lambda = new LambdaClient(common);
      const response = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      );
      if (response.FunctionError === undefined) return { ok: true };
      const body = response.Payload === undefined ? '' : new TextDecoder().decode(response.Payload);
      return { ok: false, error: `${response.FunctionError}: ${body.slice(0, 500)}` };
    },
    publish: async (topicArn, message, subject) => {
      const { SNSClient, PublishCommand } = await import('@aws-sdk/client-sns');
      await new SNSClient(common).send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: message,
          ...(subject === undefined ? {} : { Subject: subject }),
        }),
      );
    },
    out: (line) => process.stdout.write(`${line}\n`),
  };
}

export async function run(argv: readonly string[]): Promise<number> {
  let options: ReplayOptions | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`apigw-responder replay-dlq: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const result = await replayDlq(options, await awsPorts(options));
  return result.failed > 0 ? 1 : 0;
}
