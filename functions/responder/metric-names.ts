/** Metric names the responder emits (namespace ApiGatewayResponder, dimension service). */
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
} as const;
