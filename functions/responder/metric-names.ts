/** Metric names the responder emits (namespace ApiGatewayResponder, dimension service). */
import type { ResponderMetrics } from './ports';

export const METRICS = {
  /** Every rejected event; the stack alarms on it (service dimension only). */
  malformedEvents: 'MalformedEvents',
  /** Every well-formed notification the provenance gate did not trust; the stack alarms on it. */
  untrustedEvents: 'UntrustedEvents',
  /** Both of the above, per rejection reason. */
  rejectedEvents: 'RejectedEvents',
  duplicateEvents: 'DuplicateEvents',
  incidentsOpened: 'IncidentsOpened',
  alarmsGrouped: 'AlarmsGrouped',
  incidentsResolved: 'IncidentsResolved',
  /** An alarm fired again after its incident resolved: the same thread and ticket re-opened. */
  incidentsReopened: 'IncidentsReopened',
  /** A delivery older than a known state change of its alarm (OK before ALARM): not posted. */
  staleEvents: 'StaleEvents',
  /** A record the store rejects for good (per reason): acknowledged, the records beside it handled. */
  rejectedRecords: 'RejectedRecords',
  /** Parent-message edits saved by coalescing ("also firing" already shown by a later edit). */
  parentEditsCoalesced: 'ParentEditsCoalesced',
  diagnosisDuration: 'DiagnosisDuration',
  incidentsByClass: 'IncidentsByClass',
  notificationsDelivered: 'NotificationsDelivered',
  destinationFailures: 'DestinationFailures',
  /** Events of a muted API stage: recorded, not posted. */
  mutedEvents: 'MutedEvents',
  /**
   * A member account's read role failed: STS refused it (`refused`), could not answer for now
   * (`unavailable`, the record is retried), or the role may not read the alarm
   * (`alarm-read-denied`). Plain (the stack alarms on it) and per account and kind.
   */
  readRoleFailures: 'ReadRoleFailures',
} as const;

export type ReadRoleFailureKind = 'refused' | 'unavailable' | 'alarm-read-denied';

/** Counts a read-role failure: once plain, once by account and kind. */
export function countReadRoleFailure(metrics: ResponderMetrics, account: string, kind: ReadRoleFailureKind): void {
  metrics.count(METRICS.readRoleFailures);
  metrics.count(METRICS.readRoleFailures, { account, kind });
}
