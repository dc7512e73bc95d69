/**
 * The one HTTP helper of the notifiers: JSON in, JSON out, status classified into retryable or
 * not, Retry-After parsed. Error messages name the origin only: webhook URLs are credentials.
 */
import { redact, safeErrorText } from '../redact';
import { DeliveryError } from './errors';

export type FetchLike = typeof fetch;

export interface HttpRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON unless already a string. */
  readonly body?: unknown;
  readonly signal: AbortSignal;
  readonly fetch?: FetchLike;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when it was JSON, else undefined. */
  readonly json: unknown;
}

const MAX_REASON_BODY = 200;

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

function decoded(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** "fetch failed" says nothing; its cause ("ECONNREFUSED", "getaddrinfo ENOTFOUND") does. */
function causeText(error: Error): string {
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid url>';
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One request. Resolves on 2xx; throws DeliveryError otherwise (network failures and aborts are retryable). */
export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { 'user-agent': 'apigw-responder', ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  const doFetch = request.fetch ?? fetch;
  const target = `${method} ${originOf(request.url)}`;
  let response: Response;
  try {
    response = await doFetch(request.url, { method, headers, body, signal: request.signal });
  } catch (error) {
    // Node's fetch echoes the URL ("Failed to parse URL from hooks.slack.com/services/..."): the
    // URL is hidden however it appears, and the original error (the cause) is not kept.
    const why = request.signal.aborted ? 'timed out' : error instanceof Error ? causeText(error) : String(error);
    throw new DeliveryError(`${target}: ${safeErrorText(why, [request.url, decoded(request.url)])}`, {
      retryable: true,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new DeliveryError(`${target}: response body ${request.signal.aborted ? 'timed out' : 'unreadable'}`, {
      retryable: true,
      status: response.status,
      cause: error,
    });
  }
  if (response.status >= 200 && response.status < 300) {
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  }
  const snippet = redact(text.slice(0, MAX_REASON_BODY)).replace(/\s+/g, ' ').trim();
  throw new DeliveryError(`${target} -> HTTP ${response.status}${snippet === '' ? '' : `: ${snippet}`}`, {
    retryable: isRetryableStatus(response.status),
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
    status: response.status,
  });
}
