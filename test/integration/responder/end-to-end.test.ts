/**
 * End to end on the emulator: a seeded broken API, a real SNS topic (moto) with an HTTP
 * subscription to a local adapter that invokes the real handler (real parser, DynamoDB store on
 * moto, diagnosis engine on moto, classifier, remediation, summary, Slack bot notifier with its
 * token from Secrets Manager on moto) and the Slack stand-in receiving the messages.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { replayDlq } from '../../../bin/commands/replay-dlq';
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import { DynamoIncidentStore } from '../../../functions/incidents/dynamo-store';
import { eventKeyOf, incidentKeyOf } from '../../../functions/incidents/grouping';
import type { AlarmSpec } from '../../../scripts/sandbox/alarm-notification';
import { alarmMessage } from '../../../scripts/sandbox/alarm-notification';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import type { FakeDestinations } from '../../../scripts/sandbox/fake-destinations';
import { faults } from '../../../scripts/sandbox/fake-destinations';
import type { ResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import {
  SANDBOX_SLACK_CHANNEL as CHANNEL,
  SANDBOX_SLACK_TOKEN,
  startResponderSandbox,
} from '../../../scripts/sandbox/responder-sandbox';
import { seedScenario } from '../../../scripts/sandbox/seed';
import { topicDelivery } from '../../../scripts/sandbox/topic-delivery';
import { lambdaContext } from '../../../scripts/sandbox/sns-lambda-adapter';

jest.setTimeout(240_000);

let endpoint: string;
let sandbox: ResponderSandbox;
let fake: FakeDestinations;
let store: DynamoIncidentStore;

function client<T>(Client: new (config: Record<string, unknown>) => T): T {
  return new Client({
    endpoint,
    region: SANDBOX_REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
}

/** A CloudWatch alarm notification of this project's alarms, as CloudWatch publishes it. */
function notification(spec: AlarmSpec) {
  return { message: alarmMessage({ region: SANDBOX_REGION, account: SANDBOX_ACCOUNT, ...spec }) };
}

beforeAll(async () => {
  endpoint = requireSandboxEndpoint();
  sandbox = await startResponderSandbox({ endpoint, webhook: false });
  fake = sandbox.destinations;
  store = new DynamoIncidentStore({ tableName: sandbox.tableName, client: client(DynamoDBClient) });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('the responder on the emulator, end to end', () => {
  it('ALARM through SNS → one classified summary in Slack; a redelivery → nothing more; OK → the resolution in the thread', async () => {
    // Started seven minutes ago: its OK below is then not in the future (the provenance gate
    // refuses state changes CloudWatch has not made yet).
    const seeded = await seedScenario(endpoint, 'integration-timeout', { now: new Date(Date.now() - 7 * 60_000) });
    const spec: AlarmSpec = {
      api: seeded.apiName,
      stage: seeded.stage,
      time: seeded.stateChangeTime,
      signal: '5xx-count',
    };

    await sandbox.publishAlarm(spec);
    await sandbox.adapter.settled(1);

    expect(sandbox.adapter.invocations[0]!.error).toBeUndefined();
    expect(sandbox.adapter.invocations[0]!.result).toEqual([
      expect.objectContaining({ outcome: 'open', delivered: ['slack'], failed: [] }),
    ]);
    // The short parent, and the full detail as its first thread reply.
    const [root, detail, ...others] = fake.slackMessages();
    expect(others).toEqual([]);
    expect(root).toEqual(expect.objectContaining({ channel: CHANNEL, via: 'api', edits: 0 }));
    expect(root!.thread_ts).toBeUndefined();
    expect(root!.text).toContain(`${seeded.apiName}/${seeded.stage}`);
    expect(root!.text).toContain('INTEGRATION_TIMEOUT');
    expect(JSON.stringify(root!.blocks)).toContain('Integration timed out');
    expect(detail).toEqual(expect.objectContaining({ channel: CHANNEL, thread_ts: root!.ts }));
    expect(JSON.stringify(detail!.blocks)).toContain(seeded.apiId);
    expect(fake.requests('slack-api').map((r) => [r.path, r.headers['authorization']])).toEqual([
      ['/slack/api/chat.postMessage', `Bearer ${SANDBOX_SLACK_TOKEN}`],
      ['/slack/api/chat.postMessage', `Bearer ${SANDBOX_SLACK_TOKEN}`],
    ]);

    // SNS delivers the same notification again: nothing more is posted.
    await sandbox.publishAlarm(spec);
    await sandbox.adapter.settled(2);
    expect(sandbox.adapter.invocations[1]!.result).toEqual([expect.objectContaining({ outcome: 'duplicate' })]);
    expect(fake.slackMessages()).toHaveLength(2);

    // A forged OK (genuine name and ARN) published while CloudWatch still says ALARM: refused.
    // Dated after CloudWatch's last change, so the current state decides (moto has no
    // DescribeAlarmHistory: the history path is unit-tested on recorded-format responses).
    const forgedTime = new Date(Date.now() + 60_000).toISOString();
    await sandbox.publishAlarm({ ...spec, state: 'OK', time: forgedTime }, { prepared: true });
    await sandbox.adapter.settled(3);
    expect(sandbox.adapter.invocations[2]!.result).toEqual([
      expect.objectContaining({ outcome: 'rejected', reason: 'STATE_MISMATCH' }),
    ]);
    // Still the parent and its detail reply: nothing more posted, nothing edited.
    expect(fake.slackMessages()).toHaveLength(2);
    expect(fake.slackMessages()[0]).toEqual(expect.objectContaining({ ts: root!.ts, edits: 0 }));

    // The alarm returns to OK seven minutes later: a resolution in the thread, the parent updated.
    const okTime = new Date(Date.parse(seeded.stateChangeTime) + 7 * 60_000).toISOString();
    await sandbox.publishAlarm({ ...spec, state: 'OK', time: okTime });
    await sandbox.adapter.settled(4);

    expect(sandbox.adapter.invocations[3]!.result).toEqual([
      expect.objectContaining({ outcome: 'resolved', delivered: ['slack'] }),
    ]);
    const messages = fake.slackMessages();
    expect(messages).toHaveLength(3);
    expect(messages[0]).toEqual(expect.objectContaining({ ts: root!.ts, edits: 1 }));
    // The parent, now marked resolved, still names the cause.
    expect(JSON.stringify(messages[0]!.blocks)).toContain('Integration timed out');
    expect(messages[0]!.text).toMatch(/resolved/i);
    // The detail reply untouched and not posted again; the resolution is the thread's second reply.
    expect(messages[1]).toEqual(expect.objectContaining({ ts: detail!.ts, thread_ts: root!.ts, edits: 0 }));
    expect(messages[2]).toEqual(expect.objectContaining({ channel: CHANNEL, thread_ts: root!.ts }));
    expect(messages[2]!.text.toLowerCase()).toContain('resolved');
    expect(JSON.stringify(messages[2])).toContain('7 min');

    const incident = parseAlarmEvent(notification(spec).message);
    expect(await store.getIncident(incidentKeyOf(incident))).toEqual(
      expect.objectContaining({
        status: 'resolved',
        openedAt: incident.stateChangeTime,
        resolvedAt: okTime,
        refs: { slack: expect.objectContaining({ channel: CHANNEL, ts: root!.ts }) },
      }),
    );
  });

  it('Slack failing through every retry → the failure recorded, the event in the DLQ; replay-dlq delivers it once', async () => {
    fake.reset();
    const api = `payments-api-${randomUUID().slice(0, 8)}`;
    const { message } = notification({
      api,
      stage: 'prod',
      time: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    });
    const event = topicDelivery(sandbox, [message]);
    await sandbox.prepareAlarm({ api, stage: 'prod' });
    fake.failNext('slack-api', ...Array.from({ length: 40 }, () => faults.serverError()));

    // Lambda's asynchronous invocation: the first attempt and two retries, all failing for Slack.
    const errors: unknown[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await sandbox.handler(event, lambdaContext(60_000, randomUUID())).catch((error: unknown) => errors.push(error));
    }
    expect(errors.map((e) => (e as Error).name)).toEqual([
      'DeliveryIncompleteError',
      'DeliveryIncompleteError',
      'DeliveryIncompleteError',
    ]);
    expect(fake.slackMessages()).toEqual([]);
    const record = await store.getEvent(eventKeyOf(parseAlarmEvent(message)));
    expect(record).toEqual(
      expect.objectContaining({
        status: 'failed',
        attempts: 3,
        delivered: [],
        failures: [expect.objectContaining({ destination: 'slack', reason: expect.stringContaining('500') })],
      }),
    );

    // The stack's onFailure destination puts the invocation record in the DLQ.
    const sqs = client(SQSClient);
    const queueUrl = (
      await sqs.send(new CreateQueueCommand({ QueueName: `apigw-responder-dlq-${randomUUID().slice(0, 8)}` }))
    ).QueueUrl!;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({
          version: '1.0',
          timestamp: new Date().toISOString(),
          requestContext: {
            requestId: randomUUID(),
            functionArn: `arn:aws:lambda:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:function:apigw-responder:$LATEST`,
            condition: 'RetriesExhausted',
            approximateInvokeCount: 3,
          },
          requestPayload: event,
          responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
          responsePayload: { errorType: 'DeliveryIncompleteError', errorMessage: (errors[2] as Error).message },
        }),
      }),
    );

    // Slack is back: the operator replays the queue.
    fake.reset();
    const lines: string[] = [];
    const result = await replayDlq(
      { queueUrl, max: 10, dryRun: false },
      {
        sqs,
        invoke: (_functionName, payload) =>
          sandbox.handler(payload, lambdaContext(60_000, randomUUID())).then(
            () => ({ ok: true }),
            (error: unknown) => ({ ok: false, error: String(error) }),
          ),
        publish: () => Promise.reject(new Error('not used')),
        out: (line) => lines.push(line),
      },
    );

    expect(result).toEqual({ found: 1, replayed: 1, failed: 0 });
    expect(fake.slackMessages()).toEqual([
      expect.objectContaining({ channel: CHANNEL, text: expect.stringContaining(`${api}/prod`) }),
      expect.objectContaining({ channel: CHANNEL, thread_ts: expect.any(String) }),
    ]);
    expect(await store.getEvent(eventKeyOf(parseAlarmEvent(message)))).toEqual(
      expect.objectContaining({ status: 'done', attempts: 4, delivered: ['slack'], failures: [] }),
    );
    // A second replay of the same record (or SNS delivering it late) posts nothing.
    await sandbox.handler(event, lambdaContext(60_000, randomUUID()));
    expect(fake.slackMessages()).toHaveLength(2);
  });
});
