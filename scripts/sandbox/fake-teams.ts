/**
 * A local stand-in for a Microsoft Teams Workflows webhook ("When a Teams webhook request is
 * received" → post the card to a channel), on 127.0.0.1. Like the real trigger it takes a POST of
 * JSON to a URL carrying a `sig` signature parameter (401 without the right one), answers
 * 202 Accepted with an empty body, and its "post card" step only works when the body is
 * {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
 * "content":{"type":"AdaptiveCard",...}}]} (400 otherwise: the real flow fails at that step and
 * nothing reaches the channel). It keeps the cards "posted" in order and can be scripted to fail.
 *
 *   npx tsx scripts/sandbox/fake-teams.ts [--port 4598]
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf, obj, readBody } from './fake-http';

export interface PostedCard {
  readonly at: string;
  readonly card: Readonly<Record<string, unknown>>;
  /** Lower-case request headers (the Idempotency-Key among them). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface TeamsRequest {
  readonly method: string;
  readonly status: number;
  readonly rawBody: string;
}

export interface FakeTeams {
  /** The webhook URL to store in the Teams secret. */
  readonly webhookUrl: string;
  /** The cards the channel shows, oldest first. */
  cards(): PostedCard[];
  requests(): TeamsRequest[];
  /** The next requests answer these statuses (e.g. 429, 500), in order. */
  failNext(...statuses: number[]): void;
  reset(): void;
  close(): Promise<void>;
}

const SIGNATURE = 'fake-workflow-signature';
const FLOW_PATH = '/workflows/0f1e2d3c/triggers/manual/paths/invoke';

/** The adaptive card in a Workflows message, or why the flow's "post card" step would fail. */
export function cardOf(body: string): { card: Readonly<Record<string, unknown>> } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: 'request body is not JSON' };
  }
  const message = obj(parsed);
  if (message.type !== 'message') return { error: 'type must be "message"' };
  const attachments = Array.isArray(message.attachments) ? message.attachments : [];
  const first = obj(attachments[0]);
  if (first.contentType !== 'application/vnd.microsoft.card.adaptive')
    return { error: 'attachments[0].contentType must be application/vnd.microsoft.card.adaptive' };
  const card = obj(first.content);
  if (card.type !== 'AdaptiveCard' || typeof card.version !== 'string')
    return { error: 'attachments[0].content must be an AdaptiveCard with a version' };
  return { card };
}

export async function startFakeTeams(options: { readonly port?: number } = {}): Promise<FakeTeams> {
  let cards: PostedCard[] = [];
  let requests: TeamsRequest[] = [];
  let failures: number[] = [];

  function answer(res: ServerResponse, status: number, body = ''): void {
    res.writeHead(status, body === '' ? {} : { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(req);
    const method = req.method ?? 'GET';
    const reply = (status: number, body = ''): void => {
      requests.push({ method, status, rawBody });
      answer(res, status, body);
    };
    if (url.pathname !== FLOW_PATH) return reply(404);
    if (url.searchParams.get('sig') !== SIGNATURE)
      return reply(401, JSON.stringify({ error: { code: 'DirectApiAuthorizationRequired' } }));
    if (method !== 'POST') return reply(405);
    const failure = failures.shift();
    if (failure !== undefined) return reply(failure, JSON.stringify({ error: { code: `Scripted${failure}` } }));
    const parsed = cardOf(rawBody);
    if ('error' in parsed)
      return reply(400, JSON.stringify({ error: { code: 'InvalidRequestContent', message: parsed.error } }));
    cards.push({ at: new Date().toISOString(), card: parsed.card, headers: headersOf(req) });
    return reply(202);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}${FLOW_PATH}?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${SIGNATURE}`,
    cards: () => [...cards],
    requests: () => [...requests],
    failNext: (...statuses) => {
      failures.push(...statuses);
    },
    reset: () => {
      cards = [];
      requests = [];
      failures = [];
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (require.main === module) {
  const index = process.argv.indexOf('--port');
  startFakeTeams({ port: index >= 0 ? Number(process.argv[index + 1]) : 4598 }).then(
    (fake) => {
      process.stdout.write(`${JSON.stringify({ teamsWebhookUrl: fake.webhookUrl })}\n`);
      const stop = (): void => {
        void fake.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`fake-teams: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
