/**
 * One call of Slack's Web API with the bot token, for the bot notifier and the interactions worker
 * alike: a write method with a JSON body, or a read method with a query string; `ok: false`
 * becomes a DeliveryError that says whether another attempt can help (and when, on a rate limit).
 */
import type { SlackDestinationConfig } from '../runtime-config';
import { DeliveryError } from './errors';
import { httpRequest, parseRetryAfter } from './http';
import type { NotifierDeps } from './notifier-deps';
import { secretField } from './secrets';

export const SLACK_API_BASE_URL = 'https://slack.com/api';

export type SlackBotConfig = Extract<SlackDestinationConfig, { mode: 'bot' }>;

/** Web API errors worth another attempt; every other `error` (invalid_auth, channel_not_found...) is final. */
const RETRYABLE_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

export interface SlackApiReply {
  readonly ok: boolean;
  readonly error?: string;
  readonly channel?: string;
  readonly ts?: string;
  readonly [field: string]: unknown;
}

function isReply(value: unknown): value is SlackApiReply {
  return value !== null && typeof value === 'object' && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** A write method (JSON body), or a read method (query string) when `query` is set. */
export type SlackWebApi = (
  method: string,
  body: Record<string, unknown> | undefined,
  signal: AbortSignal,
  query?: Record<string, string>,
) => Promise<SlackApiReply>;

export function slackWebApi(
  config: Pick<SlackBotConfig, 'tokenSecretId' | 'apiBaseUrl'>,
  deps: Pick<NotifierDeps, 'secrets' | 'fetch'>,
): SlackWebApi {
  const base = (config.apiBaseUrl ?? SLACK_API_BASE_URL).replace(/\/+$/, '');
  return async (method, body, signal, query) => {
    const token = secretField(await deps.secrets(config.tokenSecretId), config.tokenSecretId, 'token', 'botToken');
    const response = await httpRequest({
      url: `${base}/${method}${query === undefined ? '' : `?${new URLSearchParams(query).toString()}`}`,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? { method: 'GET' } : { body }),
      signal,
      fetch: deps.fetch,
    });
    const reply = response.json;
    if (!isReply(reply))
      throw new DeliveryError(`slack ${method}: unexpected response`, { retryable: true, status: response.status });
    if (!reply.ok) {
      const error = reply.error ?? 'unknown_error';
      throw new DeliveryError(`slack ${method}: ${error}`, {
        retryable: RETRYABLE_ERRORS.has(error),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        status: response.status,
      });
    }
    return reply;
  };
}
