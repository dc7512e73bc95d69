/**
 * The failures the fake destinations can be scripted to answer with, one consumed per request to
 * its service (see FakeDestinations.failNext).
 */

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
