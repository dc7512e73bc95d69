/**
 * Idempotent Slack posts. Slack has no idempotency key, so every message the responder posts
 * carries message metadata naming its incident, event and step; a resumed send (an earlier
 * attempt may have posted without its result being recorded) first looks for that message:
 * conversations.replies in the incident's thread, conversations.history in the channel for a
 * parent, both with include_all_metadata (metadata is only returned when asked for).
 * Needs the channels:history (groups:history for a private channel) scope; without it the
 * lookup is skipped and the message posted (at least once rather than never).
 */
import type { SendContext } from '../types';

export const SLACK_EVENT_TYPE = 'apigw_responder_event';

export interface SlackMetadata {
  readonly event_type: string;
  readonly event_payload: { readonly incident_id: string; readonly event_key: string; readonly step: string };
}

export function slackMetadata(
  incidentId: string,
  context: SendContext | undefined,
  step: string,
): SlackMetadata | undefined {
  if (context === undefined) return undefined;
  return {
    event_type: SLACK_EVENT_TYPE,
    event_payload: { incident_id: incidentId, event_key: context.eventKey, step },
  };
}

interface ListedMessage {
  readonly ts?: string;
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: Record<string, unknown> };
}

/** The ts of the message of this event and step among the listed ones, if any. */
export function findByMetadata(messages: unknown, metadata: SlackMetadata): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  const match = (messages as ListedMessage[]).find(
    (m) =>
      m.metadata?.event_type === metadata.event_type &&
      m.metadata.event_payload?.['event_key'] === metadata.event_payload.event_key &&
      m.metadata.event_payload['step'] === metadata.event_payload.step,
  );
  return match?.ts;
}

/** Query of the lookup: the thread's replies, or the channel since shortly before the state change. */
export function lookupQuery(
  channel: string,
  threadTs: string | undefined,
  since: string,
): { method: string; params: Record<string, string> } {
  if (threadTs !== undefined) {
    return {
      method: 'conversations.replies',
      params: { channel, ts: threadTs, include_all_metadata: 'true', limit: '200' },
    };
  }
  // The message was posted after the alarm changed state; a minute of slack for clock skew.
  const oldest = Math.max(0, Math.floor(Date.parse(since) / 1000) - 60);
  return {
    method: 'conversations.history',
    params: { channel, oldest: String(oldest), include_all_metadata: 'true', limit: '200' },
  };
}
