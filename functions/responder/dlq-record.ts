/**
 * What lands in the responder's dead-letter queue and how to get the original event back.
 *
 * The stack sends failed asynchronous invocations to SQS as a Lambda destination (onFailure):
 * the message body is an invocation record `{ version, timestamp, requestContext: { functionArn,
 * condition, approximateInvokeCount }, requestPayload, responseContext, responsePayload }` whose
 * `requestPayload` is the original SNS (or EventBridge) event. A classic Lambda DLQ puts the
 * event itself in the body; both are understood.
 */
import { isRecord, stringOrUndefined } from '../events/normalize';
import { parseAlarmEvents } from '../events/parse-event';

export interface DlqEntry {
  /** The event to hand to the responder again. */
  readonly payload: unknown;
  /** The function that failed (onFailure records name it, with its qualifier). */
  readonly functionArn?: string;
  readonly condition?: string;
  readonly attempts?: number;
  /** When the invocation record was written, ISO; used to replay in order. */
  readonly timestamp?: string;
  /** The last error, as the function reported it. */
  readonly error?: string;
  /** "ALARM apigw-responder|REST|orders|prod|5xx-count @ 2025-05-01T12:03:00.000Z", per notification. */
  readonly alarms: readonly string[];
}

const str = stringOrUndefined;

function describeAlarms(payload: unknown): string[] {
  return parseAlarmEvents(payload).map((outcome) =>
    outcome.ok
      ? `${outcome.incident.state} ${outcome.incident.alarmName} @ ${outcome.incident.stateChangeTime}`
      : `unreadable (${outcome.error.reason}: ${outcome.error.message})`,
  );
}

/** Reads one DLQ message body; throws when it is not JSON. */
export function readDlqBody(body: string): DlqEntry {
  const parsed = JSON.parse(body) as unknown;
  if (isRecord(parsed) && 'requestPayload' in parsed) {
    const context = isRecord(parsed['requestContext']) ? parsed['requestContext'] : {};
    const response = isRecord(parsed['responsePayload']) ? parsed['responsePayload'] : {};
    const errorType = str(response['errorType']);
    const errorMessage = str(response['errorMessage']);
    const error = [errorType, errorMessage].filter((p) => p !== undefined).join(': ');
    const attempts = context['approximateInvokeCount'];
    return {
      payload: parsed['requestPayload'],
      functionArn: str(context['functionArn']),
      condition: str(context['condition']),
      attempts: typeof attempts === 'number' ? attempts : undefined,
      timestamp: str(parsed['timestamp']),
      error: error === '' ? undefined : error,
      alarms: describeAlarms(parsed['requestPayload']),
    };
  }
  return { payload: parsed, alarms: describeAlarms(parsed) };
}

/** The SNS messages of an event, to re-publish them to a topic (`Records[].Sns`, or an SNS envelope). */
export function snsMessagesOf(payload: unknown): { message: string; subject?: string }[] {
  if (isRecord(payload) && Array.isArray(payload['Records'])) {
    return payload['Records'].flatMap((record: unknown) => {
      const sns = isRecord(record) && isRecord(record['Sns']) ? record['Sns'] : undefined;
      const message = str(sns?.['Message']);
      if (message === undefined) return [];
      const subject = str(sns?.['Subject']);
      return [subject === undefined ? { message } : { message, subject }];
    });
  }
  if (isRecord(payload) && typeof payload['Message'] === 'string') return [{ message: payload['Message'] }];
  // EventBridge events and alarm actions: the responder reads them from an SNS message too.
  return [{ message: JSON.stringify(payload) }];
}
