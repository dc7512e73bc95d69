import { parseArgs, replayDlq } from '../../../bin/commands/replay-dlq';
import type { ReplayPorts } from '../../../bin/commands/replay-dlq';
import { readDlqBody } from '../../../functions/responder/dlq-record';
import { alarmMessage, eventBridgeEvent, snsLambdaEvent } from '../events/fixtures';
import { FakeQueue } from './fake-sqs';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:apigw-responder:$LATEST';

function failureRecord(event: unknown, timestamp: string) {
  return {
    version: '1.0',
    timestamp,
    requestContext: {
      requestId: 'r-1',
      functionArn: FUNCTION_ARN,
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'DeliveryIncompleteError', errorMessage: 'not delivered to slack (503)' },
  };
}

function ports(queue: FakeQueue, overrides: Partial<ReplayPorts> = {}) {
  const lines: string[] = [];
  const invoked: { functionName: string; payload: unknown }[] = [];
  const published: { topicArn: string; message: string; subject?: string }[] = [];
  const p: ReplayPorts = {
    sqs: queue.client,
    invoke: (functionName, payload) => {
      invoked.push({ functionName, payload });
      return Promise.resolve({ ok: true });
    },
    publish: (topicArn, message, subject) => {
      published.push({ topicArn, message, ...(subject === undefined ? {} : { subject }) });
      return Promise.resolve();
    },
    out: (line) => lines.push(line),
    ...overrides,
  };
  return { p, lines, invoked, published };
}

const OPEN = snsLambdaEvent(alarmMessage({ time: '2025-05-01T12:03:00.000Z' }));
const OK = snsLambdaEvent(alarmMessage({ state: 'OK', time: '2025-05-01T12:20:00.000Z' }));

describe('replay-dlq', () => {
  it('invokes the failed function with each original event, oldest first, and deletes what succeeded', async () => {
    const queue = new FakeQueue();
    queue.add(failureRecord(OK, '2025-05-01T12:23:00.000Z'));
    queue.add(failureRecord(OPEN, '2025-05-01T12:06:00.000Z'));
    const { p, invoked, lines } = ports(queue);

    const result = await replayDlq({ queueUrl: 'q', max: 100, dryRun: false }, p);

    expect(result).toEqual({ found: 2, replayed: 2, failed: 0 });
    expect(invoked).toEqual([
      { functionName: FUNCTION_ARN, payload: OPEN },
      { functionName: FUNCTION_ARN, payload: OK },
    ]);
    expect(queue.size).toBe(0);
    expect(lines[0]).toMatch(
      /^✓ msg-2 ALARM apigw-responder\|REST\|orders-api\|prod\|5xx-count @ 2025-05-01T12:03:00.000Z$/,
    );
  });

  it('keeps a message whose replay fails, and says why', async () => {
    const queue = new FakeQueue();
    queue.add(failureRecord(OPEN, '2025-05-01T12:06:00.000Z'));
    const { p, lines } = ports(queue, {
      invoke: () => Promise.resolve({ ok: false, error: 'Unhandled: slack still down' }),
    });

    const result = await replayDlq({ queueUrl: 'q', max: 100, dryRun: false, functionName: 'apigw-responder' }, p);

    expect(result).toEqual({ found: 1, replayed: 0, failed: 1 });
    expect(queue.size).toBe(1);
    expect(lines[0]).toContain('Unhandled: slack still down; left in the queue');
  });

  it('--dry-run lists alarm, state, time and last error, and changes nothing', async () => {
    const queue = new FakeQueue();
    queue.add(failureRecord(OPEN, '2025-05-01T12:06:00.000Z'));
    const { p, lines, invoked } = ports(queue);

    await replayDlq({ queueUrl: 'q', max: 100, dryRun: true }, p);

    expect(invoked).toEqual([]);
    expect(queue.size).toBe(1);
    expect(lines).toEqual([
      '• msg-1 2025-05-01T12:06:00.000Z ALARM apigw-responder|REST|orders-api|prod|5xx-count @ 2025-05-01T12:03:00.000Z — RetriesExhausted, 3 attempts, DeliveryIncompleteError: not delivered to slack (503)',
      '1 message(s) in the dead-letter queue (dry run: nothing replayed)',
    ]);
  });

  it('--topic-arn re-publishes the original alarm message instead', async () => {
    const queue = new FakeQueue();
    queue.add(failureRecord(OPEN, '2025-05-01T12:06:00.000Z'));
    queue.add(failureRecord(eventBridgeEvent(), '2025-05-01T12:07:00.000Z'));
    const { p, published } = ports(queue);

    await replayDlq({ queueUrl: 'q', max: 100, dryRun: false, topicArn: 'arn:aws:sns:eu-west-1:1:alarms' }, p);

    expect(published).toEqual([
      {
        topicArn: 'arn:aws:sns:eu-west-1:1:alarms',
        message: OPEN.Records[0]!.Sns.Message,
        subject: OPEN.Records[0]!.Sns.Subject,
      },
      { topicArn: 'arn:aws:sns:eu-west-1:1:alarms', message: JSON.stringify(eventBridgeEvent()) },
    ]);
  });

  it('understands a classic Lambda DLQ body (the event itself) and reports unreadable ones', async () => {
    const queue = new FakeQueue();
    queue.add(OPEN);
    queue.add('not json');
    const { p, invoked, lines } = ports(queue);

    const result = await replayDlq({ queueUrl: 'q', max: 100, dryRun: false, functionName: 'apigw-responder' }, p);

    expect(invoked).toEqual([{ functionName: 'apigw-responder', payload: OPEN }]);
    expect(result).toEqual({ found: 2, replayed: 1, failed: 1 });
    expect(lines.some((l) => l.startsWith('✗ msg-2: not a JSON message'))).toBe(true);
    expect(readDlqBody(JSON.stringify(OPEN)).alarms).toEqual([
      'ALARM apigw-responder|REST|orders-api|prod|5xx-count @ 2025-05-01T12:03:00.000Z',
    ]);
  });

  it.each([
    [[], '--queue-url is required'],
    [['--queue-url'], '--queue-url needs a value'],
    [['--queue-url', 'q', '--max', '0'], '--max must be a positive integer'],
    [['--queue-url', 'q', '--function', 'f', '--topic-arn', 't'], 'either --function or --topic-arn'],
    [['--queue-url', 'q', '--bogus'], 'unknown option "--bogus"'],
  ])('rejects bad options %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('reads its options', () => {
    expect(
      parseArgs([
        '--queue-url=https://sqs.eu-west-1.amazonaws.com/1/dlq',
        '--endpoint-url',
        'http://127.0.0.1:5000',
        '--dry-run',
      ]),
    ).toEqual({
      queueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/dlq',
      endpointUrl: 'http://127.0.0.1:5000',
      max: 100,
      dryRun: true,
    });
    expect(parseArgs(['--help'])).toBe('help');
  });
});
