/**
 * What the responder remembers in its DynamoDB table (pk/sk strings, TTL attribute `expiresAt`):
 *
 * - one **event record** per alarm state change (alarm ARN + state-change time + state): the
 *   idempotency record. It says what the event was decided to be (open/update/resolved/...), keeps
 *   the summary built on the first attempt, and which destinations already have it, so a
 *   redelivery or a Lambda retry sends only what is missing and never re-diagnoses.
 * - one **incident record** per API stage: the current (or last) incident of that stage, with the
 *   alarms in it and where it was posted (Slack channel + ts, Jira key, OpsItem id, PagerDuty
 *   dedup key).
 * - one **pace record** per rate-limited channel: the next free send slot.
 *
 * Every write is conditional on the version read, so two concurrent invocations cannot both open
 * an incident or both claim an event.
 */
import type { AlarmState, ApiRef, DestinationName, DestinationRef, IncidentSummary } from '../types';

/** What an event turned out to be for its incident. */
export type EventOutcome =
  /** First ALARM of an incident: diagnose and post the opening message. */
  | 'open'
  /** A later ALARM of an open incident (records before 'join' existed): treated as a join. */
  | 'update'
  /** Another alarm of an open incident: the parent message is edited ("also firing"), no reply. */
  | 'join'
  /** An ALARM after the incident resolved, within the grouping window: the same thread/ticket fires again. */
  | 'reopen'
  /** Older than a state change already seen for its alarm (an OK that arrived first): not posted. */
  | 'stale'
  /** A later ALARM that arrived while the opening message was still being prepared: folded into it. */
  | 'absorbed'
  /** The last firing alarm of the incident returned to OK: resolve it everywhere. */
  | 'resolved'
  /** Nothing to post (OK with no open incident, OK while other alarms still fire, stale event). */
  | 'ignored'
  /** An ALARM of a muted API stage: recorded (suppressedBecause), not posted. */
  | 'muted';

export interface DeliveryFailure {
  readonly destination: DestinationName;
  readonly reason: string;
  readonly retries: number;
}

export interface EventRecord {
  /** Hash of alarm ARN + state-change time + state. */
  readonly key: string;
  readonly alarmArn: string;
  readonly alarmName: string;
  readonly stateChangeTime: string;
  readonly state: AlarmState;
  /** in-progress: an invocation holds the lease; failed: some destination is missing; done: nothing left. */
  readonly status: 'in-progress' | 'failed' | 'done';
  /** Epoch ms until which the holder may work on it undisturbed. */
  readonly leaseUntil: number;
  /** Invocations that worked on it (first delivery, redeliveries that took over, retries). */
  readonly attempts: number;
  readonly outcome?: EventOutcome;
  readonly incidentKey?: string;
  readonly incidentId?: string;
  /** Why nothing was posted for this event (a mute), in words. */
  readonly suppressedBecause?: string;
  /** The summary built on the first attempt, re-sent unchanged by retries. */
  readonly summary?: IncidentSummary;
  readonly delivered: readonly DestinationName[];
  /** Steps done per destination (open, reply, update, resolve...), recorded as each finishes. */
  readonly steps?: Partial<Record<DestinationName, readonly string[]>>;
  /** Wall clock (epoch ms) when the event was grouped: a parent edit made after it already shows it. */
  readonly groupedAtMs?: number;
  /** The failures of the latest attempt. */
  readonly failures: readonly DeliveryFailure[];
  readonly updatedAt: string;
  readonly version: number;
}

/** One alarm of an incident. */
export interface IncidentAlarm {
  readonly arn: string;
  readonly name: string;
  /** Short human label ("5xx-rate", "p99 IntegrationLatency"). */
  readonly label: string;
  readonly state: Extract<AlarmState, 'ALARM' | 'OK'>;
  /** State-change time of its latest transition, ISO. */
  readonly at: string;
}

export interface IncidentRecord {
  /** Per API stage: `INCIDENT#<region>#<account>#<kind>#<api>#<stage>`. */
  readonly key: string;
  /** Stable id of this incident: thread, dedup label and dedup key. */
  readonly incidentId: string;
  readonly api: ApiRef;
  readonly region: string;
  readonly accountId: string;
  readonly status: 'open' | 'resolved';
  /**
   * collecting: the opening message is being prepared; alarms joining now are folded into it.
   * announced: the opening message's content is fixed; alarms joining now reply in the thread.
   */
  readonly phase: 'collecting' | 'announced';
  /** The event that opens (and diagnoses) the incident. */
  readonly openerEventKey: string;
  /** State-change time of the opening ALARM, ISO. */
  readonly openedAt: string;
  /** Wall clock (epoch ms) when the opener claimed it: a collecting incident left by a dead opener is taken over. */
  readonly claimedAtMs: number;
  /** Latest state-change time applied, ISO. */
  readonly lastEventAt: string;
  readonly resolvedAt?: string;
  readonly alarms: readonly IncidentAlarm[];
  /** Alarm ARNs the opening message already names ("also firing"). */
  readonly announced: readonly string[];
  /**
   * The latest state change seen per alarm ARN of this API stage, kept across incidents: an older
   * delivery (an ALARM arriving after its OK) is recognised as stale.
   */
  readonly seen?: Readonly<Record<string, { readonly state: 'ALARM' | 'OK'; readonly at: string }>>;
  /** The event that re-opened the incident after its resolution (its retry keeps the outcome). */
  readonly reopenedBy?: string;
  /** Only an OK was seen (no incident was opened): remembers it so an older ALARM is not posted. */
  readonly tombstone?: boolean;
  /** Wall clock (epoch ms) of the read the latest parent edit was rendered from. */
  readonly parentEditedAtMs?: number;
  /** Where the incident was posted: what each destination returned for its first message. */
  readonly refs: Partial<Record<DestinationName, DestinationRef>>;
  readonly version: number;
}
