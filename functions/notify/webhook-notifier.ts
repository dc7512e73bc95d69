/**
 * Generic webhook: POSTs {event, eventKey, graphUrl, summary} as JSON, signed with HMAC-SHA256 over
 * "<timestamp>.<body>" so receivers can check origin and freshness. Every request of one alarm
 * state change carries the same Idempotency-Key header (the event key): a receiver that keeps the
 * keys it has seen processes a retried delivery once.
 */
import { createHmac } from 'node:crypto';
import type { DestinationRef, IncidentSummary, Notifier, SendContext } from '../types';
import type { WebhookDestinationConfig } from '../runtime-config';
import { DestinationConfigError } from './errors';
import { consoleGraphUrl } from './graph/metric-widget';
import { httpRequest } from './http';
import { requireHttps } from './https-url';
import type { NotifierDeps } from './notifier-deps';
import { secretObject } from './secrets';

export const SIGNATURE_HEADER = 'x-apigw-responder-signature';
export const TIMESTAMP_HEADER = 'x-apigw-responder-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** "sha256=<hex>" of HMAC-SHA256(key, `${timestamp}.${body}`), timestamp in Unix seconds. */
export function signWebhook(body: string, key: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function createWebhookNotifier(
  config: WebhookDestinationConfig,
  deps: NotifierDeps & { now?: () => number },
): Notifier {
  const now = deps.now ?? Date.now;
  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef> {
    const secret = secretObject(await deps.secrets(config.secretId), config.secretId);
    if (secret.url === undefined || secret.hmacKey === undefined) {
      throw new DestinationConfigError(`secret ${config.secretId} needs {"url","hmacKey"}`);
    }
    const url = requireHttps(secret.url, config.secretId, 'url');
    const event = context?.outcome === 'reopen' ? 'incident.reopened' : `incident.${summary.kind}`;
    const body = JSON.stringify({
      event,
      ...(context === undefined ? {} : { eventKey: context.eventKey }),
      // The incident's metrics (5XX, requests, p99 latency, threshold, onset) in the CloudWatch console.
      graphUrl: consoleGraphUrl(summary),
      summary,
    });
    const timestamp = Math.floor(now() / 1000);
    await httpRequest({
      url,
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [SIGNATURE_HEADER]: signWebhook(body, secret.hmacKey, timestamp),
        [TIMESTAMP_HEADER]: String(timestamp),
        ...(context === undefined ? {} : { [IDEMPOTENCY_HEADER]: context.eventKey }),
      },
      signal,
      fetch: deps.fetch,
    });
    // The first delivery's ref only: a ref that changed on every event would cost an incident write each.
    return ref ?? { lastEvent: event, lastDeliveredAt: new Date(timestamp * 1000).toISOString() };
  }
  return { name: 'webhook', send };
}
