/**
 * PagerDuty Events API v2: trigger with the incident id as dedup_key, resolve on OK; a re-fire
 * after the resolution triggers the same dedup_key again. PagerDuty de-duplicates by dedup_key, so
 * a repeated trigger or resolve of one event changes nothing; alarms merely joining the open
 * incident send nothing (the storm budget: no page, no alert-log noise). Every trigger names its
 * event (custom_details.event_key). Ref: { dedupKey }.
 */
import type { DestinationRef, IncidentSummary, Notifier, SendContext, Severity } from '../types';
import type { PagerDutyDestinationConfig } from '../runtime-config';
import { httpRequest } from './http';
import type { NotifierDeps } from './notifier-deps';
import { outlineOf } from './outline';
import type { SecretReader } from './secrets';
import { secretField } from './secrets';
import { truncate } from './truncate';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
/** Events API v2: summary max 1024 characters, dedup_key max 255. */
const SUMMARY_MAX = 1024;
const DEDUP_MAX = 255;
/** A line of custom_details.why: a glance, not the whole log line (the payload is capped at 512 KB). */
const WHY_LINE_MAX = 500;

const SEVERITY: Readonly<Record<Severity, 'critical' | 'error' | 'warning' | 'info'>> = {
  critical: 'critical',
  high: 'error',
  medium: 'warning',
  low: 'info',
};

export function pagerDutyDedupKey(incidentId: string): string {
  return truncate(incidentId, DEDUP_MAX);
}

export function pagerDutyEvent(
  summary: IncidentSummary,
  routingKey: string,
  eventKey?: string,
): Record<string, unknown> {
  const dedupKey = pagerDutyDedupKey(summary.incidentId);
  if (summary.kind === 'resolved') return { routing_key: routingKey, event_action: 'resolve', dedup_key: dedupKey };
  const o = outlineOf(summary);
  const unverified = summary.alarmStateUnverified === undefined ? '' : ' (unverified)';
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    client: 'apigw-responder',
    payload: {
      summary: `${truncate(`${o.title}${o.rootCauseText === null ? '' : `: ${o.rootCauseText}`}`, SUMMARY_MAX - unverified.length)}${unverified}`,
      source: o.apiStage,
      severity: SEVERITY[summary.severity],
      timestamp: summary.stateChangeTime,
      component: summary.api.name ?? summary.api.id ?? 'api',
      group: summary.api.stage,
      class: o.rootCauseClass ?? 'UNKNOWN',
      custom_details: {
        alarm: summary.alarmName,
        ...(eventKey === undefined ? {} : { event_key: eventKey }),
        account: summary.accountId,
        region: summary.region,
        ...(summary.alarmStateUnverified === undefined ? {} : { alarm_state_unverified: summary.alarmStateUnverified }),
        ...(o.caveats.length === 0 ? {} : { caveats: o.caveats }),
        impact: Object.fromEntries(o.impact.map((f) => [f.label, f.value])),
        evidence: o.evidence.slice(0, 10),
        ...(o.why === null
          ? {}
          : {
              why: {
                summary: o.why.heading,
                ...Object.fromEntries(
                  o.why.lists.map((l): [string, string[]] => [l.label, l.items.map((i) => truncate(i, WHY_LINE_MAX))]),
                ),
              },
            }),
        remediation: summary.remediation
          .slice(0, 10)
          .map((s) => (s.command === undefined ? s.title : `${s.title}: ${s.command}`)),
      },
    },
    links: summary.links.slice(0, 10).map((l) => ({ href: l.url, text: l.label })),
  };
}

/** The integration's routing key: the secret's plain value, or its "routingKey" / "integrationKey" field. */
export async function pagerDutyRoutingKey(secrets: SecretReader, secretId: string): Promise<string> {
  return secretField(await secrets(secretId), secretId, 'routingKey', 'integrationKey');
}

export function createPagerDutyNotifier(config: PagerDutyDestinationConfig, deps: NotifierDeps): Notifier {
  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef> {
    if (context?.outcome === 'join') return { ...ref, dedupKey: pagerDutyDedupKey(summary.incidentId) };
    const routingKey = await pagerDutyRoutingKey(deps.secrets, config.routingKeySecretId);
    // 202 accepted; 400 is final; 429 and 5xx are retried.
    await httpRequest({
      url: config.eventsUrl ?? PAGERDUTY_EVENTS_URL,
      body: pagerDutyEvent(summary, routingKey, context?.eventKey),
      signal,
      fetch: deps.fetch,
    });
    return { ...ref, dedupKey: pagerDutyDedupKey(summary.incidentId) };
  }
  return { name: 'pagerduty', send };
}
