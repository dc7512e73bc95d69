/** Metric names the responder emits (namespace ApiGatewayResponder, dimension service). */
export const METRICS = {
  /** Every rejected event; the stack alarms on it (service dimension only). */
  malformedEvents: 'MalformedEvents',
  /** The same, per rejection reason. */
  rejectedEvents: 'RejectedEvents',
  duplicateEvents: 'DuplicateEvents',
  incidentsOpened: 'IncidentsOpened',
  alarmsGrouped: 'AlarmsGrouped',
  incidentsResolved: 'IncidentsResolved',
  diagnosisDuration: 'DiagnosisDuration',
  incidentsByClass: 'IncidentsByClass',
  notificationsDelivered: 'NotificationsDelivered',
  destinationFailures: 'DestinationFailures',
  /** Events of a muted API stage: recorded, not posted. */
  mutedEvents: 'MutedEvents',
} as const;
