/**
 * Microsoft Teams through a Workflows webhook (the "When a Teams webhook request is received"
 * trigger; Office 365 connectors are retired): one Adaptive Card per state change of the incident,
 * a resolved card on OK. Like the Slack webhook, a webhook cannot edit or thread, so an alarm
 * merely joining the open incident posts nothing (the storm budget). The URL is read from the
 * secret (plain or JSON {"url"}) and must be https:// (loopback http for tests).
 *
 * Once per event: each post is a recorded step of the event (step-log.ts), and the request carries
 * the event key as an Idempotency-Key header and a short event id in the card's footer. A Workflows
 * webhook keeps no history the responder can read, so a send whose answer was lost may post twice;
 * the footer's event id tells the reader the second card is the same event.
 * Ref: { title, openedAt } of the first card.
 */
import { createHash } from 'node:crypto';
import type { DestinationRef, IncidentSummary, Link, Notifier, SendContext } from '../types';
import type { JiraDestinationConfig, TeamsDestinationConfig } from '../runtime-config';
import { jiraDedupeLabel } from './jira-notifier';
import { httpRequest } from './http';
import { webhookUrlFromSecret } from './https-url';
import type { NotifierDeps } from './notifier-deps';
import { outlineOf } from './outline';
import { renderTeamsCard, teamsMessage } from './render-teams';
import { stepsOf } from './step-log';
import { IDEMPOTENCY_HEADER } from './webhook-notifier';

/** A short, stable id of the event key (the key itself names the alarm ARN and account). */
export function teamsEventId(eventKey: string): string {
  return createHash('sha256').update(eventKey).digest('hex').slice(0, 12);
}

/** The incident's Jira issue, found by its dedupe label (the Teams notifier does not know its key). */
export function jiraSearchLink(jira: JiraDestinationConfig, summary: IncidentSummary): Link {
  const jql = `project = "${jira.projectKey}" AND labels = "${jiraDedupeLabel(summary.incidentId)}"`;
  return { label: 'Jira issue', url: `${jira.site.replace(/\/+$/, '')}/issues/?jql=${encodeURIComponent(jql)}` };
}

export function createTeamsNotifier(
  config: TeamsDestinationConfig,
  deps: NotifierDeps & { readonly jira?: JiraDestinationConfig },
): Notifier {
  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef> {
    if (context?.outcome === 'join' && ref !== undefined) return ref;
    const url = await webhookUrlFromSecret(deps.secrets, config.webhookSecretId);
    const resolved = summary.kind === 'resolved';
    const card = renderTeamsCard(summary, {
      ...(deps.jira === undefined ? {} : { detailLinks: [jiraSearchLink(deps.jira, summary)] }),
      ...(context === undefined ? {} : { eventId: teamsEventId(context.eventKey) }),
      ...(resolved && ref?.title !== undefined ? { openedTitle: `${ref.title} (opened ${ref.openedAt ?? '?'})` } : {}),
    });
    // The Workflows trigger answers 202 Accepted; 400 is a card it cannot read, 401/403/404 a bad URL.
    await stepsOf(context)(resolved ? 'resolved-card' : 'card', () =>
      httpRequest({
        url,
        body: teamsMessage(card),
        headers: context === undefined ? {} : { [IDEMPOTENCY_HEADER]: context.eventKey },
        signal,
        fetch: deps.fetch,
      }),
    );
    if (ref?.title !== undefined) return resolved ? { ...ref, resolvedAt: summary.stateChangeTime } : ref;
    return { title: outlineOf(summary).title, openedAt: summary.stateChangeTime };
  }
  return { name: 'teams', send };
}
