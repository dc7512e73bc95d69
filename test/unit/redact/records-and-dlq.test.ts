/**
 * An incident whose logs, evidence and destination URLs carry planted secrets and personal data,
 * run through the real Lambda handler (real wiring, summary, Slack webhook and generic webhook
 * notifiers, DynamoDB store): the DynamoDB items it writes, the error Lambda would put in the DLQ
 * record and the responder's own log lines contain none of the planted values.
 */
import { gunzipSync } from 'node:zlib';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { readDlqBody } from '../../../functions/responder/dlq-record';
import type * as Handler from '../../../functions/responder/handler';
import type { ResponderRuntimeConfig } from '../../../functions/runtime-config';
import type { Diagnosis, Incident } from '../../../functions/types';
import { ownTrust } from '../../../functions/provenance/trust-policy';
import { ACCOUNT, REGION, alarmMessage, snsLambdaEvent } from '../../../scripts/sandbox/alarm-notification';
import { lambdaContext } from '../../../scripts/sandbox/sns-lambda-adapter';
import { formsOf, loadCorpus } from './support/corpus';

const corpus = loadCorpus();
/** Secrets in the destinations' own URLs and keys, echoed by failing HTTP clients. */
const URL_SECRETS = ['T0SECRET/B0SECRET/Xy9Zq8Wv7Ut6', 'in/7f3a9c2e-webhook-path-secret', 'wh-query-k3y-5566'];
const SLACK_URL = `hooks.slack.com/services/${URL_SECRETS[0]}`; // pasted without its scheme
const WEBHOOK_URL = `https://hooks.example.com/${URL_SECRETS[1]}?key=${URL_SECRETS[2]}`;
const PLANTED = [...corpus.flatMap((l) => l.planted), ...URL_SECRETS];

const CONFIG: ResponderRuntimeConfig = {
  version: 1,
  tableName: 'responder',
  groupingWindowMinutes: 30,
  notifyReserveMs: 15_000,
  probes: ['execution-logs'],
  activeHealthCheck: false,
  watched: [{ kind: 'REST', name: 'orders-api', stages: ['prod'] }],
  destinations: {
    slack: { mode: 'webhook', webhookSecretId: 'apigw-responder/slack' },
    webhook: { secretId: 'apigw-responder/webhook' },
  },
  trust: ownTrust(ACCOUNT, REGION),
};

function diagnosisOf(incident: Incident): Diagnosis {
  return {
    incident,
    findings: corpus.map((l, i) => ({
      type: 'log-template' as const,
      probe: 'execution-logs' as const,
      summary: l.line,
      source: l.source,
      template: l.line,
      count: 100 - i,
      example: l.line,
      requestIds: [],
    })),
    probes: [{ probe: 'execution-logs', status: 'ok', durationMs: 5, awsCalls: [] }],
    startedAt: new Date().toISOString(),
    durationMs: 5,
    cutShort: false,
  };
}

/** The table as DynamoDB would keep it: every item the store wrote, by pk/sk. */
function fakeTable(ddb: ReturnType<typeof mockClient>) {
  const items = new Map<string, Record<string, unknown>>();
  const id = (key: Record<string, unknown>) => `${String(key['pk'])}|${String(key['sk'])}`;
  ddb.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
    items.set(id(input.Item), structuredClone(input.Item));
    return {};
  });
  ddb.on(GetCommand).callsFake((input: { Key: Record<string, unknown> }) => ({ Item: items.get(id(input.Key)) }));
  ddb.on(UpdateCommand).resolves({ Attributes: { nextAt: Date.now() } });
  return items;
}

/** What the function writes to its log (Powertools: info to stdout, warn and error to stderr). */
function captureLogs(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const write = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(write),
    jest.spyOn(process.stderr, 'write').mockImplementation(write),
  ];
  return { text: () => chunks.join(''), restore: () => spies.forEach((s) => s.mockRestore()) };
}

function found(text: string): string[] {
  return PLANTED.filter((value) => formsOf(value).some((form) => text.includes(form)));
}

describe('records, DLQ record and logs of an incident with planted secrets', () => {
  let handler: typeof Handler;
  const ddb = mockClient(DynamoDBDocumentClient);
  const secrets = mockClient(SecretsManagerClient);
  // The trust boundary asks CloudWatch whether the alarm really is in ALARM: it is.
  const cloudWatch = mockClient(CloudWatchClient);

  beforeAll(async () => {
    process.env['AWS_REGION'] = 'eu-west-1';
    process.env['POWERTOOLS_TRACE_ENABLED'] = 'false';
    process.env['POWERTOOLS_DEV'] = 'false';
    handler = await import('../../../functions/responder/handler');
  });

  afterAll(() => {
    delete process.env['RESPONDER_CONFIG'];
    ddb.restore();
    secrets.restore();
    cloudWatch.restore();
  });

  it('keeps every planted value out of the DynamoDB items, the DLQ record and the logs', async () => {
    // Arrange
    const items = fakeTable(ddb);
    secrets.on(GetSecretValueCommand, { SecretId: 'apigw-responder/slack' }).resolves({ SecretString: SLACK_URL });
    secrets
      .on(GetSecretValueCommand, { SecretId: 'apigw-responder/webhook' })
      .resolves({ SecretString: JSON.stringify({ url: WEBHOOK_URL, hmacKey: 'k' }) });
    process.env['RESPONDER_CONFIG'] = JSON.stringify(CONFIG);
    // The webhook's network fails, and the error names the URL it was given.
    const fetch: typeof globalThis.fetch = (url) => {
      const target = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
      return Promise.reject(new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED for ${target}`) }));
    };
    await handler.resetRuntime({
      fetch,
      overrides: {
        diagnose: (incident) => Promise.resolve(diagnosisOf(incident)),
        classify: (diagnosis) =>
          Promise.resolve({
            class: 'LAMBDA_FUNCTION_ERROR',
            confidence: 0.8,
            hypotheses: [],
            evidence: corpus.map((l) => ({ rule: 'corpus', source: l.source, text: l.line })),
            missing: [diagnosis.findings.length > 0 ? 'none' : 'all'],
          }),
        remediate: () => Promise.resolve(undefined),
        sleep: () => Promise.resolve(),
      },
    });
    const message = alarmMessage({ time: new Date(Date.now() - 60_000).toISOString() });
    cloudWatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: String(message['AlarmName']), StateValue: 'ALARM', StateUpdatedTimestamp: new Date() },
      ],
      CompositeAlarms: [],
    });
    const event = snsLambdaEvent(message);
    const stdout = captureLogs();

    // Act: Lambda's first attempt and two retries; the last error is what the DLQ record carries.
    let last: unknown;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        last = await handler.lambdaHandler(event, lambdaContext(60_000, `req-${attempt}`)).then(
          () => undefined,
          (error: unknown) => error,
        );
      }
    } finally {
      stdout.restore();
    }
    const error = last as Error;
    const dlqBody = JSON.stringify({
      version: '1.0',
      requestContext: {
        functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:r',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: event,
      responsePayload: { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') },
    });
    const stored = [...items.values()].map((item) => {
      const { summaryGz, ...rest } = item;
      const summary = summaryGz instanceof Uint8Array ? gunzipSync(summaryGz).toString('utf8') : '';
      return JSON.stringify(rest) + summary;
    });

    // Assert: the run did what it must (records written, both failures reported, lines logged)...
    expect(error.name).toBe('DeliveryIncompleteError');
    expect(readDlqBody(dlqBody).error).toMatch(/slack .*webhook .*hooks\.example\.com/s);
    expect(stored.join('\n')).toContain('Lambda execution failed with status 200 due to customer function error');
    expect(stored.join('\n')).toContain('"destination":"webhook"');
    expect(stdout.text()).toContain('some destinations did not get the message');
    // ...and no planted value is in any of it.
    expect(found(stored.join('\n'))).toEqual([]);
    expect(found(dlqBody)).toEqual([]);
    expect(found(stdout.text())).toEqual([]);
  });
});
