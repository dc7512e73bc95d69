/**
 * The interactions worker's real outside world: Slack's Web API (thread replies and the parent's
 * update), PagerDuty's acknowledge event and a Jira comment, each with the destination as the
 * incident's API stage routes it.
 */
import type { IncidentRecord } from '../incidents/records';
import { doc, paragraph, text } from '../notify/adf';
import type { FetchLike } from '../notify/http';
import { httpRequest } from '../notify/http';
import { DeliveryError } from '../notify/errors';
import { jiraApi, jiraIssuePath } from '../notify/jira-api';
import { PAGERDUTY_EVENTS_URL, pagerDutyDedupKey, pagerDutyRoutingKey } from '../notify/pagerduty-notifier';
import type { SlackMessage } from '../notify/render-slack';
import { routedDestinations } from '../notify/routed-notifiers';
import type { SecretReader } from '../notify/secrets';
import { slackWebApi } from '../notify/slack-web-api';
import { routeFor } from '../routing';
import type { ResponderRuntimeConfig } from '../runtime-config';
import type { Acknowledgement } from './interaction-store';
import type { ThreadPoster } from './perform-action';

const TIMEOUT_MS = 5_000;

export interface OutsideWorldOptions {
  readonly config: ResponderRuntimeConfig;
  readonly secrets: SecretReader;
  readonly fetch?: FetchLike;
}

export function slackThreadPoster(options: OutsideWorldOptions): ThreadPoster {
  const slack = options.config.destinations.slack;
  const api = slack?.mode === 'bot' ? slackWebApi(slack, options) : undefined;
  async function call(method: string, body: Record<string, unknown>): Promise<void> {
    if (api === undefined) throw new Error('Slack interactions need Slack in bot mode');
    await api(method, body, AbortSignal.timeout(TIMEOUT_MS));
  }
  return {
    post: (channel: string, threadTs: string, message: SlackMessage) =>
      call('chat.postMessage', { channel, thread_ts: threadTs, text: message.text, blocks: message.blocks }),
    update: (channel: string, ts: string, message: SlackMessage) =>
      call('chat.update', { channel, ts, text: message.text, blocks: message.blocks }),
  };
}

/**
 * What a thread reply says of a failed call: the service's HTTP status when it answered one (a
 * refused request throws with it), else only the error's name (its text may name a secret).
 */
function failure(what: string, error: unknown): string {
  if (error instanceof DeliveryError && error.status !== undefined) return `${what} failed: HTTP ${error.status}`;
  return `${what} failed: ${error instanceof Error ? error.name : 'error'}`;
}

/** PagerDuty acknowledge and Jira comment, where configured; each failure said, never thrown. */
export function acknowledgeElsewhere(options: OutsideWorldOptions) {
  return async (incident: IncidentRecord, ack: Acknowledgement): Promise<string[]> => {
    const destinations = routedDestinations(options.config.destinations, routeFor(incident.api, options.config.routes));
    const done: string[] = [];
    const extra = options.fetch === undefined ? {} : { fetch: options.fetch };
    const { pagerduty, jira } = destinations;
    if (pagerduty !== undefined) {
      try {
        const routingKey = await pagerDutyRoutingKey(options.secrets, pagerduty.routingKeySecretId);
        const response = await httpRequest({
          url: pagerduty.eventsUrl ?? PAGERDUTY_EVENTS_URL,
          body: {
            routing_key: routingKey,
            event_action: 'acknowledge',
            dedup_key: pagerDutyDedupKey(incident.incidentId),
          },
          signal: AbortSignal.timeout(TIMEOUT_MS),
          ...extra,
        });
        done.push(
          response.status === 202 ? 'PagerDuty incident acknowledged' : `PagerDuty answered ${response.status}`,
        );
      } catch (error) {
        done.push(failure('PagerDuty acknowledge', error));
      }
    }
    const issueKey = incident.refs.jira?.['issueKey'];
    if (jira !== undefined && issueKey !== undefined) {
      try {
        await jiraApi(jira, { secrets: options.secrets, ...extra })(
          jiraIssuePath(issueKey, '/comment'),
          AbortSignal.timeout(TIMEOUT_MS),
          { body: doc([paragraph(text(`Acknowledged in Slack by user ${ack.by} at ${ack.at}.`))]) },
        );
        done.push(`commented on ${issueKey}`);
      } catch (error) {
        done.push(failure('Jira comment', error));
      }
    }
    return done;
  };
}
