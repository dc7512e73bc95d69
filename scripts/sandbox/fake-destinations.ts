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
import type { KnownBlock } from '@slack/types';
import { slackViolations } from '../../functions/notify/slack-limits';
import { jiraAttachment } from './fake-jira-attachments';

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

/** One scripted failure, consumed by the next request to its service. */
export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number; readonly body?: unknown }
  /** Slack Web API style: HTTP 200 with {"ok": false, "error": ...}. */
  | { readonly kind: 'slack-error'; readonly error: string; readonly retryAfterSeconds?: number }
  /** Never answers (until the client gives up or the server closes). */
  | { readonly kind: 'hang' }
  /** Answers normally after a delay. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Does what the request asks (the message is posted), then drops the connection: the answer is lost. */
  | { readonly kind: 'lose-response' };

export const faults = {
  rateLimited: (retryAfterSeconds = 1): Fault => ({ kind: 'status', status: 429, retryAfterSeconds }),
  serverError: (): Fault => ({ kind: 'status', status: 500 }),
  unauthorized: (): Fault => ({ kind: 'status', status: 401 }),
  hang: (): Fault => ({ kind: 'hang' }),
  loseResponse: (): Fault => ({ kind: 'lose-response' }),
  slackError: (error: string, retryAfterSeconds?: number): Fault => ({ kind: 'slack-error', error, retryAfterSeconds }),
} as const;

export interface SlackRecordedMessage {
  readonly channel: string;
  readonly ts: string;
  /** Set on thread replies. */
  readonly thread_ts?: string;
  readonly text: string;
  readonly blocks: readonly KnownBlock[];
  readonly via: 'api' | 'webhook';
  /** How many times chat.update replaced it. */
  readonly edits: number;
  /** Message metadata as posted ({event_type, event_payload}). */
  readonly metadata?: unknown;
}

export interface JiraIssueState {
  readonly key: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly labels: readonly string[];
  readonly status: string;
  readonly comments: readonly unknown[];
  /** Keys of the issues linked to this one (POST /rest/api/3/issueLink). */
  readonly links: readonly string[];
  /** File names attached (POST /rest/api/3/issue/{key}/attachments). */
  readonly attachments: readonly string[];
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

const DEFAULT_TRANSITIONS = [
  { id: '11', name: 'To Do' },
  { id: '21', name: 'In Progress' },
  { id: '31', name: 'Done' },
] as const;

interface MutableSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: readonly KnownBlock[];
  via: 'api' | 'webhook';
  edits: number;
  metadata?: unknown;
}

interface MutableIssue {
  key: string;
  fields: Record<string, unknown>;
  labels: string[];
  status: string;
  comments: unknown[];
  links: string[];
  attachments: string[];
}

/** Slack's reads: a channel's top-level messages newest first, or a thread (parent first). */
function slackRead(
  messages: readonly MutableSlackMessage[],
  method: string,
  body: Record<string, unknown>,
): Reply | undefined {
  if (method !== 'conversations.history' && method !== 'conversations.replies') return undefined;
  const channel = str(body.channel);
  const withMetadata = String(body.include_all_metadata) === 'true';
  const shown = (m: MutableSlackMessage) => ({
    type: 'message',
    ts: m.ts,
    text: m.text,
    ...(m.thread_ts === undefined ? {} : { thread_ts: m.thread_ts }),
    ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
  });
  if (method === 'conversations.replies') {
    const ts = str(body.ts);
    const parent = messages.find((m) => m.channel === channel && m.ts === ts);
    if (parent === undefined) return { status: 200, body: { ok: false, error: 'thread_not_found' } };
    const replies = messages.filter((m) => m.channel === channel && m.thread_ts === ts);
    return { status: 200, body: { ok: true, messages: [parent, ...replies].map(shown), has_more: false } };
  }
  const oldest = Number(str(body.oldest) ?? '0');
  const top = messages
    .filter((m) => m.channel === channel && m.thread_ts === undefined && Number(m.ts) >= oldest)
    .reverse();
  return { status: 200, body: { ok: true, messages: top.map(shown), has_more: false } };
}

function parseMetadata(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function serviceOf(path: string): FakeService | 'unknown' {
  if (path.startsWith('/slack/api/')) return 'slack-api';
  if (path.startsWith('/slack/webhook/')) return 'slack-webhook';
  if (path.startsWith('/jira/')) return 'jira';
  if (path.startsWith('/pagerduty/')) return 'pagerduty';
  if (path.startsWith('/webhook')) return 'webhook';
  return 'unknown';
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded') === true)
    return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeDestinations(options: FakeDestinationsOptions = {}): Promise<FakeDestinations> {
  const slackToken = options.slackToken ?? 'xoxb-fake-token';
  const transitions = options.jiraTransitions ?? DEFAULT_TRANSITIONS;
  let requests: RecordedRequest[] = [];
  let messages: MutableSlackMessage[] = [];
  let issues: MutableIssue[] = [];
  let queued = new Map<FakeService, Fault[]>();
  let seq = 0;
  let tsCounter = 0;
  const hanging = new Set<ServerResponse>();

  const nextTs = (): string => `${Math.floor(Date.now() / 1000)}.${String((tsCounter += 1)).padStart(6, '0')}`;

  function slackApi(method: string, headers: Record<string, string>, body: Record<string, unknown>): Reply {
    if (headers.authorization !== `Bearer ${slackToken}`) {
      return {
        status: 200,
        body: { ok: false, error: headers.authorization === undefined ? 'not_authed' : 'invalid_auth' },
      };
    }
    const channel = str(body.channel);
    if (channel === undefined || channel === '')
      return { status: 200, body: { ok: false, error: 'channel_not_found' } };
    const read = slackRead(messages, method, body);
    if (read !== undefined) return read;
    const blocks = (Array.isArray(body.blocks) ? body.blocks : []) as KnownBlock[];
    const text = str(body.text) ?? '';
    if (slackViolations({ text, blocks }).length > 0)
      return { status: 200, body: { ok: false, error: 'invalid_blocks' } };
    if (method === 'chat.postMessage') {
      const threadTs = str(body.thread_ts);
      if (threadTs !== undefined && !messages.some((m) => m.ts === threadTs && m.channel === channel)) {
        return { status: 200, body: { ok: false, error: 'thread_not_found' } };
      }
      const message: MutableSlackMessage = { channel, ts: nextTs(), text, blocks, via: 'api', edits: 0 };
      if (threadTs !== undefined) message.thread_ts = threadTs;
      if (body.metadata !== undefined) message.metadata = parseMetadata(body.metadata);
      messages.push(message);
      return { status: 200, body: { ok: true, channel, ts: message.ts, message: { text, blocks } } };
    }
    if (method === 'chat.update') {
      const target = messages.find((m) => m.ts === str(body.ts) && m.channel === channel);
      if (target === undefined) return { status: 200, body: { ok: false, error: 'message_not_found' } };
      target.text = text;
      target.blocks = blocks;
      target.edits += 1;
      return { status: 200, body: { ok: true, channel, ts: target.ts, text } };
    }
    return { status: 200, body: { ok: false, error: 'unknown_method' } };
  }

  function slackWebhook(body: Record<string, unknown>): Reply {
    const blocks = (Array.isArray(body.blocks) ? body.blocks : []) as KnownBlock[];
    const text = str(body.text) ?? '';
    if (slackViolations({ text, blocks }).length > 0) return { status: 400, body: 'invalid_blocks' };
    messages.push({ channel: 'webhook', ts: nextTs(), text, blocks, via: 'webhook', edits: 0 });
    return { status: 200, body: 'ok' };
  }

  function jira(
    method: string,
    path: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    body: unknown,
    rawBody: string,
  ): Reply {
    if (options.jiraAuthorization !== undefined && headers.authorization !== options.jiraAuthorization) {
      return { status: 401, body: { errorMessages: ['You do not have permission to access this resource.'] } };
    }
    const route = path.replace(/^\/jira/, '');
    if (method === 'GET' && route === '/rest/api/3/search') {
      return {
        status: 410,
        body: {
          errorMessages: ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'],
        },
      };
    }
    if (method === 'GET' && route === '/rest/api/3/search/jql') {
      const jql = query.jql ?? '';
      const label = /labels\s*=\s*"([^"]+)"/.exec(jql)?.[1];
      const openOnly = /statusCategory\s*!=\s*Done/i.test(jql);
      const found = issues
        .filter((i) => label === undefined || i.labels.includes(label))
        .filter((i) => !openOnly || i.status !== 'Done')
        .reverse()
        .slice(0, Number(query.maxResults ?? '50'));
      return {
        status: 200,
        body: {
          issues: found.map((i) => ({ id: i.key, key: i.key, fields: { status: { name: i.status } } })),
          isLast: true,
        },
      };
    }
    if (method === 'POST' && route === '/rest/api/3/issue') {
      const fields = obj(obj(body).fields);
      const project = str(obj(fields.project).key);
      if (project === undefined || str(fields.summary) === undefined)
        return { status: 400, body: { errors: { summary: 'required' } } };
      const key = `${project}-${issues.length + 1}`;
      const labels = Array.isArray(fields.labels)
        ? fields.labels.filter((l): l is string => typeof l === 'string')
        : [];
      issues.push({ key, fields, labels, status: 'To Do', comments: [], links: [], attachments: [] });
      return { status: 201, body: { id: String(10000 + issues.length), key, self: `/rest/api/3/issue/${key}` } };
    }
    if (method === 'POST' && route === '/rest/api/3/issueLink') {
      const link = obj(body);
      const inward = issues.find((i) => i.key === str(obj(link.inwardIssue).key));
      const outward = issues.find((i) => i.key === str(obj(link.outwardIssue).key));
      if (inward === undefined || outward === undefined)
        return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
      inward.links.push(outward.key);
      outward.links.push(inward.key);
      return { status: 201 };
    }
    const single = /^\/rest\/api\/3\/issue\/([^/]+)$/.exec(route);
    if (single !== null && method === 'GET') {
      const found = issues.find((i) => i.key === decodeURIComponent(single[1] ?? ''));
      if (found === undefined) return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
      const category = found.status === 'Done' ? 'done' : found.status === 'To Do' ? 'new' : 'indeterminate';
      return {
        status: 200,
        body: { key: found.key, fields: { status: { name: found.status, statusCategory: { key: category } } } },
      };
    }
    const match = /^\/rest\/api\/3\/issue\/([^/]+)\/(comment|transitions|attachments)$/.exec(route);
    const issue = issues.find((i) => i.key === decodeURIComponent(match?.[1] ?? ''));
    if (match === null || issue === undefined)
      return { status: 404, body: { errorMessages: ['Issue does not exist'] } };
    if (match[2] === 'attachments' && method === 'POST') {
      const attached = jiraAttachment(headers, rawBody);
      issue.attachments.push(...attached.filenames);
      return { status: attached.status, body: attached.body };
    }
    if (match[2] === 'comment' && method === 'GET') {
      const comments = issue.comments.map((c, i) => ({ id: String(i + 1), body: c }));
      return { status: 200, body: { comments: comments.reverse(), total: comments.length } };
    }
    if (match[2] === 'comment' && method === 'POST') {
      issue.comments.push(obj(body).body);
      return { status: 201, body: { id: String(issue.comments.length) } };
    }
    if (match[2] === 'transitions' && method === 'GET') {
      return { status: 200, body: { transitions: transitions.map((t) => ({ ...t, to: { name: t.name } })) } };
    }
    if (match[2] === 'transitions' && method === 'POST') {
      const id = str(obj(obj(body).transition).id);
      const transition = transitions.find((t) => t.id === id);
      if (transition === undefined) return { status: 400, body: { errorMessages: ['Transition id is not valid'] } };
      issue.status = transition.name;
      return { status: 204 };
    }
    return { status: 405 };
  }

  function pagerDuty(body: Record<string, unknown>): Reply {
    const key = str(body.routing_key);
    if (key === undefined || (options.pagerDutyRoutingKey !== undefined && key !== options.pagerDutyRoutingKey)) {
      return {
        status: 400,
        body: { status: 'invalid event', message: 'Event object is invalid', errors: ['Invalid routing key'] },
      };
    }
    const action = str(body.event_action);
    if (action !== 'trigger' && action !== 'acknowledge' && action !== 'resolve') {
      return {
        status: 400,
        body: { status: 'invalid event', message: 'Event object is invalid', errors: ['event_action'] },
      };
    }
    return {
      status: 202,
      body: { status: 'success', message: 'Event processed', dedup_key: str(body.dedup_key) ?? `pd-${seq}` },
    };
  }

  function route(
    service: FakeService | 'unknown',
    method: string,
    path: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    body: unknown,
    rawBody: string,
  ): Reply {
    switch (service) {
      case 'slack-api':
        // Read methods take their arguments in the query string.
        return slackApi(path.slice('/slack/api/'.length), headers, { ...query, ...obj(body) });
      case 'slack-webhook':
        return slackWebhook(obj(body));
      case 'jira':
        return jira(method, path, query, headers, body, rawBody);
      case 'pagerduty':
        return pagerDuty(obj(body));
      case 'webhook':
        return { status: 200, body: { received: true } };
      default:
        return { status: 404, body: { error: 'no fake here' } };
    }
  }

  function send(res: ServerResponse, reply: Reply): void {
    const isText = typeof reply.body === 'string';
    const payload =
      typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    res.end(payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : (v ?? '')]),
    );
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
      reply = route(service, req.method ?? 'GET', url.pathname, query, headers, body, rawBody);
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
    slackMessages: () => messages.map((m) => ({ ...m })),
    jiraIssues: () =>
      issues.map((i) => ({
        ...i,
        labels: [...i.labels],
        comments: [...i.comments],
        links: [...i.links],
        attachments: [...i.attachments],
      })),
    failNext: (service, ...more) => {
      queued.set(service, [...(queued.get(service) ?? []), ...more]);
    },
    clearFaults: () => {
      queued = new Map();
    },
    reset: () => {
      requests = [];
      messages = [];
      issues = [];
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
