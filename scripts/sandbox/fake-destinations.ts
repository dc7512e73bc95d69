/**
 * A local stand-in for the notification destinations, on 127.0.0.1: Slack Web API and incoming
 * webhook, Jira Cloud REST v3, PagerDuty Events API v2 and a generic webhook. It records every
 * request, keeps the state a real service would (Slack messages and threads, Jira issues), rejects
 * what the real one rejects (bad auth, Slack payloads over the limits) and can be scripted to fail
 * (429 + Retry-After, 500, 401, hang). Used by unit tests, the handler's tests and the demo.
 *
 *   npx tsx scripts/sandbox/fake-destinations.ts [--port 4599]
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from './fake-faults';
import type { FakeRequest, Reply } from './fake-http';
import { headersOf, obj, parseBody, readBody, send } from './fake-http';
import { createFakeJira } from './fake-jira';
import { pagerDutyEvent } from './fake-pagerduty';
import { createFakeSlack } from './fake-slack';
import type { JiraIssueState } from './fake-jira';
import type { SlackRecordedMessage } from './fake-slack';

export type { Fault } from './fake-faults';
export { faults } from './fake-faults';
export type { JiraIssueState } from './fake-jira';
export type { SlackRecordedMessage } from './fake-slack';

export type FakeService = 'slack-api' | 'slack-webhook' | 'jira' | 'pagerduty' | 'webhook';

export interface RecordedRequest {
  readonly seq: number;
  readonly at: string;
  readonly service: FakeService | 'unknown';
  readonly method: string;
  /** Path without the query string, e.g. "/slack/api/chat.postMessage". */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: string;
  /** Parsed JSON (or form) body; undefined when empty or unparsable. */
  readonly body: unknown;
  /** The status the fake answered. */
  readonly status: number;
}

export interface FakeDestinationsOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** Bearer token the Slack Web API accepts. @default "xoxb-fake-token" */
  readonly slackToken?: string;
  /** Authorization header value Jira accepts; any when undefined. */
  readonly jiraAuthorization?: string;
  /** Routing key PagerDuty accepts (400 "Invalid routing key" otherwise); any when undefined. */
  readonly pagerDutyRoutingKey?: string;
  /** Jira transitions offered for every issue. @default To Do, In Progress, Done */
  readonly jiraTransitions?: readonly { readonly id: string; readonly name: string }[];
}

export interface FakeDestinations {
  readonly url: string;
  /** For SlackDestinationConfig.apiBaseUrl (bot mode). */
  readonly slackApiBaseUrl: string;
  /** The incoming-webhook URL to store in the webhook secret. */
  readonly slackWebhookUrl: string;
  /** For JiraDestinationConfig.site. */
  readonly jiraSite: string;
  /** For PagerDutyDestinationConfig.eventsUrl. */
  readonly pagerDutyEventsUrl: string;
  /** The generic webhook URL to store in the webhook secret. */
  readonly webhookUrl: string;
  /** Every request so far, oldest first, optionally of one service. */
  requests(service?: FakeService): RecordedRequest[];
  /** Slack messages in posting order, as they are now (after chat.update). */
  slackMessages(): SlackRecordedMessage[];
  jiraIssues(): JiraIssueState[];
  /** Queue failures for the next requests to `service`, consumed in order. */
  failNext(service: FakeService, ...queued: Fault[]): void;
  /** Forget the queued faults not consumed yet. */
  clearFaults(): void;
  /** Forget requests, state and queued faults. */
  reset(): void;
  close(): Promise<void>;
}

function serviceOf(path: string): FakeService | 'unknown' {
  if (path.startsWith('/slack/api/')) return 'slack-api';
  if (path.startsWith('/slack/webhook/')) return 'slack-webhook';
  if (path.startsWith('/jira/')) return 'jira';
  if (path.startsWith('/pagerduty/')) return 'pagerduty';
  if (path.startsWith('/webhook')) return 'webhook';
  return 'unknown';
}

export async function startFakeDestinations(options: FakeDestinationsOptions = {}): Promise<FakeDestinations> {
  const slack = createFakeSlack(options.slackToken ?? 'xoxb-fake-token');
  const jira = createFakeJira({ authorization: options.jiraAuthorization, transitions: options.jiraTransitions });
  let requests: RecordedRequest[] = [];
  let queued = new Map<FakeService, Fault[]>();
  let seq = 0;
  const hanging = new Set<ServerResponse>();

  function route(service: FakeService | 'unknown', request: FakeRequest): Reply {
    const { path, query, headers, body } = request;
    switch (service) {
      case 'slack-api':
        // Read methods take their arguments in the query string.
        return slack.api(path.slice('/slack/api/'.length), headers, { ...query, ...obj(body) });
      case 'slack-webhook':
        return slack.webhook(obj(body));
      case 'jira':
        return jira.handle(request);
      case 'pagerduty':
        return pagerDutyEvent(obj(body), options.pagerDutyRoutingKey, seq);
      case 'webhook':
        return { status: 200, body: { received: true } };
      default:
        return { status: 404, body: { error: 'no fake here' } };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(req);
    const headers = headersOf(req);
    const service = serviceOf(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    const body = parseBody(rawBody, headers['content-type']);
    const fault = service === 'unknown' ? undefined : queued.get(service)?.shift();
    const record = (status: number): void => {
      requests.push({
        seq: (seq += 1),
        at: new Date().toISOString(),
        service,
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        headers,
        rawBody,
        body,
        status,
      });
    };
    if (fault?.kind === 'hang') {
      record(0);
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    let reply: Reply;
    if (fault?.kind === 'status') {
      const retry =
        fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) };
      reply = { status: fault.status, body: fault.body ?? { error: `scripted ${fault.status}` }, headers: retry };
    } else if (fault?.kind === 'slack-error') {
      const retry =
        fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) };
      reply = { status: 200, body: { ok: false, error: fault.error }, headers: retry };
    } else {
      reply = route(service, { method: req.method ?? 'GET', path: url.pathname, query, headers, body, rawBody });
    }
    record(reply.status);
    if (fault?.kind === 'lose-response') {
      res.destroy();
      return;
    }
    send(res, reply);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, { status: 500, body: { error: error instanceof Error ? error.message : String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    slackApiBaseUrl: `${url}/slack/api`,
    slackWebhookUrl: `${url}/slack/webhook/T0000000/B0000000/fakewebhooksecret`,
    jiraSite: `${url}/jira`,
    pagerDutyEventsUrl: `${url}/pagerduty/v2/enqueue`,
    webhookUrl: `${url}/webhook/incidents`,
    requests: (service) => requests.filter((r) => service === undefined || r.service === service),
    slackMessages: () => slack.messages(),
    jiraIssues: () => jira.issues(),
    failNext: (service, ...more) => {
      queued.set(service, [...(queued.get(service) ?? []), ...more]);
    },
    clearFaults: () => {
      queued = new Map();
    },
    reset: () => {
      requests = [];
      slack.reset();
      jira.reset();
      queued = new Map();
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function portArg(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  return index >= 0 ? Number(argv[index + 1]) : 4599;
}

if (require.main === module) {
  startFakeDestinations({ port: portArg(process.argv.slice(2)) }).then(
    (fake) => {
      process.stdout.write(
        `${JSON.stringify({ slackApiBaseUrl: fake.slackApiBaseUrl, slackWebhookUrl: fake.slackWebhookUrl, jiraSite: fake.jiraSite, pagerDutyEventsUrl: fake.pagerDutyEventsUrl, webhookUrl: fake.webhookUrl }, null, 2)}\n`,
      );
      const stop = (): void => {
        void fake.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`fake-destinations: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
