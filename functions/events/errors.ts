/**
 * The only errors the event parser throws. Each carries a stable `reason` code for metrics and a
 * set of identifying fields of the raw event for logs (ids, ARNs, names: never message bodies).
 */

export const REJECTION_REASONS = [
  /** Nothing arrived: undefined, null, empty string or empty object. */
  'EMPTY',
  /** A string that is not JSON. */
  'NOT_JSON',
  /** Larger than any genuine alarm notification can be. */
  'TOO_LARGE',
  /** JSON, but not a shape the responder knows (another service's event). */
  'UNKNOWN_SHAPE',
  /** An SNS message that is not a notification (subscription confirmation, unsubscribe). */
  'NOT_A_NOTIFICATION',
  /** Looks like a CloudWatch alarm but a required field is missing or unreadable. */
  'INVALID_ALARM',
  /** A valid CloudWatch alarm that is not about one API Gateway API stage. */
  'NOT_API_GATEWAY',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Identifying fields of a raw event, safe to log. */
export interface EventIdentifiers {
  readonly shape?: string;
  readonly messageId?: string;
  readonly topicArn?: string;
  readonly eventSource?: string;
  readonly source?: string;
  readonly detailType?: string;
  readonly eventId?: string;
  readonly alarmName?: string;
  readonly alarmArn?: string;
  readonly state?: string;
  readonly sizeBytes?: number;
}

/** Root of the parser's errors: a rejected event, with why. */
export class AlarmEventError extends Error {
  override readonly name: string = 'AlarmEventError';
  readonly reason: RejectionReason;
  readonly identifiers: EventIdentifiers;

  constructor(reason: RejectionReason, message: string, identifiers: EventIdentifiers = {}, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
    this.identifiers = identifiers;
  }
}

/** The event is not a readable alarm notification at all. */
export class MalformedEventError extends AlarmEventError {
  override readonly name: string = 'MalformedEventError';
}

/** A well-formed CloudWatch alarm that the responder does not handle: not about an API Gateway stage. */
export class NotApiGatewayAlarmError extends AlarmEventError {
  override readonly name: string = 'NotApiGatewayAlarmError';

  constructor(message: string, identifiers: EventIdentifiers = {}, options?: ErrorOptions) {
    super('NOT_API_GATEWAY', message, identifiers, options);
  }
}
