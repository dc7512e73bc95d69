/** Notifications: the destinations, what they remember per incident, and the Notifier contract. */
import type { IncidentSummary } from './summary';

export const DESTINATION_NAMES = ['slack', 'jira', 'opsitem', 'pagerduty', 'webhook', 'teams'] as const;
export type DestinationName = (typeof DESTINATION_NAMES)[number];

/**
 * What a destination remembers about an incident so later messages go to the same place:
 * Slack thread ts + channel, Jira issue key, OpsItem id, PagerDuty dedup key. Stored in DynamoDB.
 */
export type DestinationRef = Readonly<Record<string, string>>;

export interface DeliveryResult {
  readonly destination: DestinationName;
  readonly status: 'delivered' | 'failed' | 'skipped';
  /** Retries made (0 when the first attempt worked). */
  readonly retries: number;
  readonly reason?: string;
  /** The reference to store (thread ts, issue key...), when delivered. */
  readonly ref?: DestinationRef;
}

/**
 * What the responder tells a destination about the event being sent, so a send can be made
 * idempotent: the event key to attach (Slack metadata, webhook idempotency key, Jira comment
 * marker), the steps already recorded as done, and whether an earlier attempt may have reached
 * the destination without its result being recorded (then look before posting).
 */
export interface SendContext {
  /** The idempotency key of the alarm state change (alarm ARN + state-change time + state). */
  readonly eventKey: string;
  /**
   * What the event is for its incident: open (first message), join (another alarm of an open
   * incident: the parent is edited, no reply), reopen (re-fire after the resolution), update,
   * resolved.
   */
  readonly outcome: 'open' | 'join' | 'update' | 'reopen' | 'resolved';
  /** Steps of this event already recorded as done at this destination. */
  readonly done: readonly string[];
  /** An earlier attempt may have reached the destination unrecorded: look for the message before posting. */
  readonly resumed: boolean;
  /** The parent message as it should read now (join, reopen: the opening summary, alarms as of now). */
  readonly parent?: IncidentSummary;
  /** Records a finished step in the event record before the next one starts. */
  readonly step?: (name: string) => Promise<void>;
}

/** A destination: one small interface, so adding Teams later touches nothing else. */
export interface Notifier {
  readonly name: DestinationName;
  /**
   * Deliver one summary. `ref` is what this destination returned for the incident's earlier
   * message (absent for the first). Throws on failure; the delivery layer retries.
   */
  send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef>;
}
