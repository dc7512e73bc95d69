/** The incident: one alarm state change about one API stage, and the API, metric and window it names. */

export const API_KINDS = ['REST', 'HTTP'] as const;
/** REST = API Gateway v1 (apigateway), HTTP = API Gateway v2 HTTP API (apigatewayv2). */
export type ApiKind = (typeof API_KINDS)[number];

export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** The API a incident is about. REST APIs are watched by name (alarm dimension ApiName) and resolved to an id. */
export interface ApiRef {
  readonly kind: ApiKind;
  /** REST: the rest-api id once resolved; HTTP: the api id (always known from the ApiId dimension). */
  readonly id?: string;
  /** REST: the ApiName dimension. HTTP: the API name when known. */
  readonly name?: string;
  readonly stage: string;
}

/** What the alarm watched, as far as the notification says. */
export interface AlarmMetric {
  readonly namespace?: string;
  readonly metricName?: string;
  /** Statistic or extended statistic (p99). */
  readonly statistic?: string;
  readonly periodSeconds?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly threshold?: number;
  readonly comparisonOperator?: string;
  /** Metric-math alarms: the expression of the returned series, if any. */
  readonly expression?: string;
  /** Cross-account metric-math alarms: the account the watched metric (and so the API) lives in. */
  readonly accountId?: string;
}

/** A closed time interval, ISO-8601 strings (UTC). */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

/** One alarm state change about one API stage: the unit the responder diagnoses and notifies. */
export interface Incident {
  readonly alarmName: string;
  readonly alarmArn: string;
  readonly alarmDescription?: string;
  readonly state: AlarmState;
  readonly previousState?: AlarmState;
  /** ISO-8601 UTC. */
  readonly stateChangeTime: string;
  readonly reason?: string;
  readonly region: string;
  readonly accountId: string;
  readonly api: ApiRef;
  readonly metric: AlarmMetric;
  /** The interval the probes examine: a few evaluation periods before the alarm up to the state change. */
  readonly window: TimeWindow;
  /** Where the notification came from, for logs. */
  readonly source: 'sns' | 'eventbridge' | 'lambda-action' | 'cli' | 'replay';
  /**
   * CloudWatch's own view of the alarm when the provenance gate checked it (functions/provenance/):
   * its state and the ISO time of its StateUpdatedTimestamp. Absent when it was not read (another
   * account's alarm, INSUFFICIENT_DATA, the CLI, or a responder built without the gate).
   */
  readonly cloudWatch?: { readonly state: AlarmState; readonly updatedAt: string };
  /**
   * Set when the gate acted on another account's alarm on its checked claims only, because
   * CloudWatch there could not be asked (no read role, a role refused, a role without the alarm
   * read): the line every summary of the event shows, so an unverified OK is never silent.
   */
  readonly alarmStateUnverified?: string;
}
