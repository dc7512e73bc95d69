import { createInteractionsEndpoint } from '../../../functions/interactions/function-url';
import type { IncidentAction } from '../../../functions/interactions/parse-action';
import type { Rejection } from '../../../functions/interactions/verify-signature';
import { MAX_BODY_BYTES, signedHeaders, slackSignature } from '../../../functions/interactions/verify-signature';
import { ACTION_IDS } from '../../../functions/notify/render-slack-parent';
import { blockActionsBody } from './support';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const NOW = Date.parse('2026-11-29T09:00:00.000Z');
const VALUE = { i: 'orders-api-prod-20261129t0837-c8a116', k: 'MUTE#us-east-1#123456789012#REST#orders-api#prod' };

function setup() {
  const dispatched: IncidentAction[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  let secretReads = 0;
  const handle = createInteractionsEndpoint({
    signingSecret: () => {
      secretReads += 1;
      return Promise.resolve(SECRET);
    },
    firstSeen: (signature) => {
      const first = !seen.has(signature);
      seen.add(signature);
      return Promise.resolve(first);
    },
    dispatch: (action) => {
      dispatched.push(action);
      return Promise.resolve();
    },
    rejected: (reason) => rejected.push(reason),
    now: () => NOW,
  });
  return { handle, dispatched, rejected, seen, secretReads: () => secretReads };
}

const body = blockActionsBody(ACTION_IDS.acknowledge, VALUE);
const event = (headers: Record<string, string>, raw = body, base64 = false) => ({
  headers,
  body: base64 ? Buffer.from(raw).toString('base64') : raw,
  isBase64Encoded: base64,
  requestContext: { http: { method: 'POST' } },
});

describe('the interactions endpoint', () => {
  it('accepts a validly signed request, answers 200 at once and queues the action', async () => {
    const t = setup();
    const result = await t.handle(event(signedHeaders(SECRET, body, NOW), body, true));
    expect(result.statusCode).toBe(200);
    expect(t.dispatched).toEqual([
      {
        action: ACTION_IDS.acknowledge,
        value: VALUE,
        user: { id: 'U0ONCALL1', name: 'oncall' },
        channel: 'C0INCIDENTS',
        messageTs: '1714564980.000100',
        at: '2026-11-29T09:00:00.000Z',
      },
    ]);
    expect(t.rejected).toEqual([]);
  });

  it('computes Slack’s documented format: v0= + hex HMAC-SHA256 of "v0:timestamp:raw body" (checked with WebCrypto)', async () => {
    const rawBody = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fweather&text=94070';
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(SECRET),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`v0:1531420618:${rawBody}`));
    const hex = Buffer.from(mac).toString('hex');
    expect(slackSignature(SECRET, '1531420618', rawBody)).toBe(`v0=${hex}`);
  });

  const stale = String(Math.floor(NOW / 1000) - 5 * 60 - 1);
  const cases: [string, () => ReturnType<typeof event>, Rejection][] = [
    ['a wrong secret', () => event(signedHeaders('not-the-secret', body, NOW)), 'bad-signature'],
    [
      'a stale timestamp (5 min + 1 s)',
      () => event({ 'x-slack-request-timestamp': stale, 'x-slack-signature': slackSignature(SECRET, stale, body) }),
      'stale',
    ],
    [
      'a timestamp from the future',
      () => {
        const future = String(Math.floor(NOW / 1000) + 301);
        return event({
          'x-slack-request-timestamp': future,
          'x-slack-signature': slackSignature(SECRET, future, body),
        });
      },
      'stale',
    ],
    [
      'a signed request replayed with another body',
      () => event(signedHeaders(SECRET, body, NOW), blockActionsBody(ACTION_IDS.muteUntilOk, VALUE)),
      'bad-signature',
    ],
    ['missing headers', () => event({}), 'missing-headers'],
    [
      'a missing signature header',
      () => event({ 'x-slack-request-timestamp': String(Math.floor(NOW / 1000)) }),
      'missing-headers',
    ],
    [
      'a body over the size limit',
      () => {
        const big = `${body}&pad=${'x'.repeat(MAX_BODY_BYTES)}`;
        return event(signedHeaders(SECRET, big, NOW), big);
      },
      'oversize',
    ],
    [
      'a signature of another length',
      () => event({ ...signedHeaders(SECRET, body, NOW), 'x-slack-signature': 'v0=abc' }),
      'bad-signature',
    ],
  ];

  it.each(cases)('refuses %s with 401, a metric and no side effect', async (_name, make, reason) => {
    const t = setup();
    const result = await t.handle(make());
    expect(result).toEqual({ statusCode: 401, body: 'unauthorized' });
    expect(t.rejected).toEqual([reason]);
    expect(t.dispatched).toEqual([]);
    expect(t.seen.size).toBe(0);
  });

  it('refuses the exact replay of a verified request within the 5-minute window', async () => {
    const t = setup();
    const headers = signedHeaders(SECRET, body, NOW);
    expect((await t.handle(event(headers))).statusCode).toBe(200);
    const replay = await t.handle(event(headers));
    expect(replay.statusCode).toBe(401);
    expect(t.rejected).toEqual(['replayed']);
    expect(t.dispatched).toHaveLength(1);
  });

  it('refuses an oversize body before reading the signing secret', async () => {
    const t = setup();
    const huge = 'x'.repeat(MAX_BODY_BYTES * 2);
    expect((await t.handle(event(signedHeaders(SECRET, huge, NOW), huge))).statusCode).toBe(401);
    expect(t.secretReads()).toBe(0);
  });

  it('acknowledges a verified request it does not act on (another app feature) and does nothing', async () => {
    const t = setup();
    const other = `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission' }))}`;
    expect((await t.handle(event(signedHeaders(SECRET, other, NOW), other))).statusCode).toBe(200);
    expect(t.dispatched).toEqual([]);
  });
});
