/**
 * Slack incoming-webhook mode: one message per state change of the incident (webhooks cannot
 * thread or edit, so an alarm merely joining the open incident posts nothing: the storm budget);
 * OK posts a short resolved message that names the original. Ref: { title, openedAt } of the
 * first message. An ALARM carries a link to its metrics graph in the CloudWatch console (a webhook
 * cannot upload the image).
 */
import type { DestinationRef, IncidentSummary, Notifier, SendContext } from '../types';
import type { SlackDestinationConfig } from '../runtime-config';
import { withGraphLink } from './graph/metric-widget';
import { httpRequest } from './http';
import { webhookUrlFromSecret } from './https-url';
import type { NotifierDeps } from './notifier-deps';
import { outlineOf } from './outline';
import { renderSlack, renderSlackResolvedNote } from './render-slack';

type WebhookConfig = Extract<SlackDestinationConfig, { mode: 'webhook' }>;

export function createSlackWebhookNotifier(config: WebhookConfig, deps: NotifierDeps): Notifier {
  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef> {
    if (context?.outcome === 'join' && ref !== undefined) return ref;
    const url = await webhookUrlFromSecret(deps.secrets, config.webhookSecretId);
    const message =
      summary.kind === 'resolved'
        ? renderSlackResolvedNote(summary, { title: ref?.title, openedAt: ref?.openedAt })
        : renderSlack(withGraphLink(summary));
    // Slack answers 200 "ok"; 400 invalid_blocks, 403/404/410 are final; 429 carries Retry-After.
    await httpRequest({ url, body: { text: message.text, blocks: message.blocks }, signal, fetch: deps.fetch });
    if (ref?.title !== undefined)
      return summary.kind === 'resolved' ? { ...ref, resolvedAt: summary.stateChangeTime } : ref;
    return { title: outlineOf(summary).title, openedAt: summary.stateChangeTime };
  }
  return { name: 'slack', send };
}
