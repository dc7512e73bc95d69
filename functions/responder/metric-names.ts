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
  diagnosisDuration: 'DiagnosisDuration',
  incidentsByClass: 'IncidentsByClass',
  notificationsDelivered: 'NotificationsDelivered',
  destinationFailures: 'DestinationFailures',
} as const;
