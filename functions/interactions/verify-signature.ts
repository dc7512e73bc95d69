/**
 * Slack request signing (docs.slack.dev "Verifying requests from Slack"): Slack sends
 * `X-Slack-Request-Timestamp` and `X-Slack-Signature: v0=<hex>`, the HMAC-SHA256 with the app's
 * signing secret over `v0:<timestamp>:<raw body>`. A request is accepted only when the timestamp
 * is within five minutes of now and the signature matches (compared in constant time).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's own window; a captured request cannot be replayed after it. */
export const MAX_SKEW_SECONDS = 5 * 60;
/** Interaction payloads are a few KB; anything much larger is refused before any work. */
export const MAX_BODY_BYTES = 64 * 1024;

export type Rejection = 'missing-headers' | 'oversize' | 'stale' | 'bad-signature' | 'replayed' | 'malformed';

export type Verification = { readonly ok: true } | { readonly ok: false; readonly reason: Rejection };

export interface SignedRequest {
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body exactly as received (before any URL decoding). */
  readonly rawBody: string;
}

export function slackSignature(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Headers exactly as Slack signs a request; for tests, the demo and the local stand-in. */
export function signedHeaders(secret: string, rawBody: string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': slackSignature(secret, timestamp, rawBody),
  };
}

export function verifySlackSignature(request: SignedRequest, secret: string, nowMs: number): Verification {
  if (Buffer.byteLength(request.rawBody, 'utf8') > MAX_BODY_BYTES) return { ok: false, reason: 'oversize' };
  const timestamp = request.headers['x-slack-request-timestamp'];
  const signature = request.headers['x-slack-signature'];
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '')
    return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(slackSignature(secret, timestamp, request.rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual needs equal lengths; a length mismatch is a mismatch (and leaks only the length).
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}
