/**
 * The Lambda handler (not only the CLI) ends within its deadline + 1 s when AWS does not answer:
 * the real handler on the emulator (store, secrets, alarm and destinations as deployed), with the
 * diagnosis' services — API Gateway, CloudWatch Logs, Lambda, CloudTrail, X-Ray, ELB — pointed at
 * a 127.0.0.1 server that accepts connections and never answers. CloudWatch stays on the emulator:
 * the trust boundary (#11) reads the alarm's state through it before the diagnosis starts.
 */
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import * as responderHandler from '../../../functions/responder/handler';
import { DEFAULT_SETTINGS } from '../../../functions/responder/ports';
import { alarmMessage } from '../../../scripts/sandbox/alarm-notification';
import type { AlarmSpec } from '../../../scripts/sandbox/alarm-notification';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import type { ResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import { SANDBOX_SLACK_CHANNEL, startResponderSandbox } from '../../../scripts/sandbox/responder-sandbox';
import { topicDelivery } from '../../../scripts/sandbox/topic-delivery';
import { lambdaContext } from '../../../scripts/sandbox/sns-lambda-adapter';

jest.setTimeout(60_000);

/** The SDK's service-specific endpoint variables of the services only the diagnosis calls. */
const SILENCED = [
  'AWS_ENDPOINT_URL_API_GATEWAY',
  'AWS_ENDPOINT_URL_APIGATEWAYV2',
  'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  'AWS_ENDPOINT_URL_LAMBDA',
  'AWS_ENDPOINT_URL_CLOUDTRAIL',
  'AWS_ENDPOINT_URL_XRAY',
  'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2',
];

const sockets: { socket: Socket; closedAt?: number }[] = [];
let silent: Server;
let sandbox: ResponderSandbox;

beforeAll(async () => {
  silent = createServer((socket) => {
    const entry: { socket: Socket; closedAt?: number } = { socket };
    sockets.push(entry);
    socket.on('close', () => (entry.closedAt = Date.now()));
    socket.resume(); // read the request, never answer
  });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  sandbox = await startResponderSandbox({ endpoint: requireSandboxEndpoint() });
});

afterAll(async () => {
  for (const name of SILENCED) delete process.env[name];
  for (const s of sockets) s.socket.destroy();
  silent?.close();
  await sandbox?.stop();
});

it('returns within its deadline + 1 s and leaves no request open when the diagnosis services never answer', async () => {
  const spec: AlarmSpec = { api: `orders-${randomUUID().slice(0, 8)}`, stage: 'prod', time: new Date().toISOString() };
  await sandbox.prepareAlarm(spec);
  const address = silent.address();
  if (address === null || typeof address !== 'object') throw new Error('no address');
  for (const name of SILENCED) process.env[name] = `http://127.0.0.1:${address.port}`;
  await responderHandler.resetRuntime({
    overrides: {
      settings: {
        ...DEFAULT_SETTINGS,
        groupingWindowMs: 30 * 60_000,
        notifyReserveMs: 2_000,
        slackChannel: SANDBOX_SLACK_CHANNEL,
        slackIntervalMs: 0,
        parentEditIntervalMs: 0,
      },
    },
  });
  const event = topicDelivery(sandbox, [alarmMessage({ region: SANDBOX_REGION, account: SANDBOX_ACCOUNT, ...spec })]);
  const timeoutMs = 9_000;
  const started = Date.now();
  await sandbox.handler(event, lambdaContext(timeoutMs, randomUUID())).catch(() => undefined);
  const ended = Date.now();

  expect(ended - started).toBeLessThanOrEqual(timeoutMs + 1_000);
  // The diagnosis did call the silent services, and every one of those requests was abandoned.
  expect(sockets.length).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 100));
  expect(sockets.filter((s) => s.closedAt === undefined)).toEqual([]);
  expect(Math.max(...sockets.map((s) => s.closedAt ?? Infinity))).toBeLessThanOrEqual(started + timeoutMs + 1_000);
  // The summary still went out, saying what could not be checked.
  const posted = sandbox.destinations.slackMessages();
  expect(posted.length).toBeGreaterThan(0);
});
