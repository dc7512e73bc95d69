/**
 * Every shape an alarm notification reaches the responder in → Incident, or a typed rejection
 * with a clear reason. Shapes: SNS to Lambda (`Records[].Sns`), SNS to SQS to Lambda
 * (`Records[].body`), the SNS HTTP/SQS envelope (`Type` + `Message`), the raw alarm message (raw
 * delivery), EventBridge "CloudWatch Alarm State Change", and the alarm's Lambda action. The
 * `Subject` is never read (it is truncated ASCII).
 */
import type { core } from 'zod/mini';
import type { Incident } from '../types';
import type { AlarmNotification } from './alarm-notification';
import { fromCwAlarmData, fromSnsMessage } from './alarm-notification';
import type { EventIdentifiers } from './errors';
import { AlarmEventError, MalformedEventError } from './errors';
import { clip, isRecord, isRegionCode, parseArn, stringOrUndefined } from './normalize';
import { describeIssues } from './schema-issues';
import {
  EventBridgeAlarmEvent,
  LambdaActionAlarmEvent,
  RecordsEvent,
  SnsAlarmMessage,
  SnsEnvelope,
  SnsLambdaRecord,
  SqsLambdaRecord,
} from './schemas';
import { toIncident } from './to-incident';

/** SNS and EventBridge cap a message at 256 KiB: anything larger is not a genuine notification. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** Records per event worth reading (SNS delivers one; SQS batches up to 10). */
export const MAX_RECORDS = 25;
/** Envelopes inside envelopes (EventBridge → SNS → SQS). */
const MAX_DEPTH = 4;

export type ParseOutcome =
  | { readonly ok: true; readonly incident: Incident; readonly identifiers: EventIdentifiers }
  | { readonly ok: false; readonly error: AlarmEventError };

interface Context {
  /** Set by an SNS envelope or record; undefined for an event delivered directly. */
  readonly source?: Incident['source'];
  readonly depth: number;
  readonly regionHint?: string;
  readonly partitionHint?: string;
  readonly identifiers: EventIdentifiers;
}

/** A string field of a raw event, clipped for the log. */
function str(value: unknown): string | undefined {
  return clip(stringOrUndefined(value));
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function hintsFromTopic(topicArn: string | null | undefined): { regionHint?: string; partitionHint?: string } {
  const arn = parseArn(topicArn ?? undefined);
  if (arn === undefined || !isRegionCode(arn.region)) return {};
  return { regionHint: arn.region, partitionHint: arn.partition };
}

/** A JSON text → value, with the size and emptiness checks first. */
function decodeText(text: string, what: string, ids: EventIdentifiers): unknown {
  const size = byteLength(text);
  if (size > MAX_MESSAGE_BYTES) {
    throw new MalformedEventError(
      'TOO_LARGE',
      `${what} is ${size} bytes, larger than any alarm notification (${MAX_MESSAGE_BYTES})`,
      { ...ids, sizeBytes: size },
    );
  }
  if (text.trim().length === 0) throw new MalformedEventError('EMPTY', `${what} is empty`, ids);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MalformedEventError('NOT_JSON', `${what} is not JSON`, { ...ids, sizeBytes: size }, { cause: error });
  }
}

function notifications(value: unknown, ctx: Context): AlarmNotification {
  if (ctx.depth > MAX_DEPTH) {
    throw new MalformedEventError('UNKNOWN_SHAPE', 'notification nested too deeply', ctx.identifiers);
  }
  if (typeof value === 'string') return notifications(decodeText(value, 'message', ctx.identifiers), next(ctx));
  if (!isRecord(value)) {
    throw new MalformedEventError('UNKNOWN_SHAPE', `expected a JSON object, got ${describe(value)}`, ctx.identifiers);
  }
  if (Object.keys(value).length === 0)
    throw new MalformedEventError('EMPTY', 'the event is an empty object', ctx.identifiers);

  if ('detail-type' in value) return fromEventBridge(value, ctx);
  if (value['source'] === 'aws.cloudwatch' && 'alarmData' in value) return fromLambdaAction(value, ctx);
  if (typeof value['Type'] === 'string' && 'Message' in value) return fromEnvelope(value, ctx);
  if ('AlarmName' in value || 'NewStateValue' in value) return fromAlarmMessage(value, ctx);
  throw new MalformedEventError('UNKNOWN_SHAPE', 'not a CloudWatch alarm notification (unknown event shape)', {
    ...ctx.identifiers,
    source: str(value['source']) ?? ctx.identifiers.source,
    eventSource: str(value['eventSource']) ?? str(value['EventSource']) ?? ctx.identifiers.eventSource,
  });
}

function next(ctx: Context, patch: Partial<Context> = {}): Context {
  return { ...ctx, ...patch, depth: ctx.depth + 1, identifiers: { ...ctx.identifiers, ...patch.identifiers } };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function fromEventBridge(value: Record<string, unknown>, ctx: Context): AlarmNotification {
  const ids: EventIdentifiers = {
    ...ctx.identifiers,
    shape: 'eventbridge',
    source: str(value['source']),
    detailType: str(value['detail-type']),
    eventId: str(value['id']),
  };
  if (value['source'] !== 'aws.cloudwatch' || value['detail-type'] !== 'CloudWatch Alarm State Change') {
    throw new MalformedEventError(
      'UNKNOWN_SHAPE',
      `EventBridge event "${ids.detailType ?? '?'}" from "${ids.source ?? '?'}" is not a CloudWatch alarm state change`,
      ids,
    );
  }
  const parsed = EventBridgeAlarmEvent.safeParse(value);
  if (!parsed.success) throw invalid('EventBridge alarm state change', parsed.error, value, ids);
  const event = parsed.data;
  const alarmArn = (event.resources ?? []).find((r) => r.includes(':alarm:'));
  return fromCwAlarmData(event.detail, {
    source: ctx.source ?? 'eventbridge',
    alarmArn,
    accountId: event.account ?? undefined,
    regionHint: isRegionCode(event.region ?? undefined) ? (event.region ?? undefined) : ctx.regionHint,
    identifiers: { ...ids, alarmName: clip(event.detail.alarmName), alarmArn: clip(alarmArn) },
  });
}

function fromLambdaAction(value: Record<string, unknown>, ctx: Context): AlarmNotification {
  const ids: EventIdentifiers = { ...ctx.identifiers, shape: 'lambda-action', source: 'aws.cloudwatch' };
  const parsed = LambdaActionAlarmEvent.safeParse(value);
  if (!parsed.success) throw invalid('alarm Lambda action', parsed.error, value, ids);
  const event = parsed.data;
  return fromCwAlarmData(event.alarmData, {
    source: 'lambda-action',
    alarmArn: event.alarmArn ?? undefined,
    accountId: event.accountId ?? undefined,
    regionHint: isRegionCode(event.region ?? undefined) ? (event.region ?? undefined) : undefined,
    identifiers: { ...ids, alarmName: clip(event.alarmData.alarmName), alarmArn: clip(event.alarmArn ?? undefined) },
  });
}

function fromEnvelope(value: Record<string, unknown>, ctx: Context): AlarmNotification {
  const ids: EventIdentifiers = {
    ...ctx.identifiers,
    shape: ctx.identifiers.shape ?? 'sns-envelope',
    messageId: str(value['MessageId']),
    topicArn: str(value['TopicArn']),
  };
  const parsed = SnsEnvelope.safeParse(value);
  if (!parsed.success) throw invalid('SNS envelope', parsed.error, value, ids);
  if (parsed.data.Type !== 'Notification') {
    throw new MalformedEventError(
      'NOT_A_NOTIFICATION',
      `SNS message of type "${clip(parsed.data.Type, 64)}" is not a notification`,
      ids,
    );
  }
  const message = decodeText(parsed.data.Message, 'SNS message', ids);
  return notifications(
    message,
    next(ctx, { source: 'sns', ...hintsFromTopic(parsed.data.TopicArn), identifiers: ids }),
  );
}

function fromAlarmMessage(value: Record<string, unknown>, ctx: Context): AlarmNotification {
  const ids: EventIdentifiers = {
    ...ctx.identifiers,
    shape: ctx.identifiers.shape ?? 'sns-message',
    alarmName: str(value['AlarmName']),
    alarmArn: str(value['AlarmArn']),
  };
  const parsed = SnsAlarmMessage.safeParse(value);
  if (!parsed.success) throw invalid('CloudWatch alarm message', parsed.error, value, ids);
  return fromSnsMessage(parsed.data, {
    source: ctx.source ?? 'sns',
    regionHint: ctx.regionHint,
    partitionHint: ctx.partitionHint,
    identifiers: ids,
  });
}

function invalid(what: string, error: { issues: readonly core.$ZodIssue[] }, input: unknown, ids: EventIdentifiers) {
  const fields = describeIssues(error.issues, input);
  return new MalformedEventError('INVALID_ALARM', `${what} is missing or has unreadable fields (${fields})`, ids);
}

function fromRecord(record: unknown, index: number): AlarmNotification {
  const base: Context = { source: 'sns', depth: 1, identifiers: {} };
  const sns = SnsLambdaRecord.safeParse(record);
  if (sns.success) {
    const ids: EventIdentifiers = {
      shape: 'sns-lambda',
      eventSource: 'aws:sns',
      messageId: clip(sns.data.Sns.MessageId ?? undefined),
      topicArn: clip(sns.data.Sns.TopicArn ?? undefined),
    };
    if (sns.data.Sns.Type != null && sns.data.Sns.Type !== 'Notification') {
      throw new MalformedEventError('NOT_A_NOTIFICATION', `SNS record ${index} is not a notification`, ids);
    }
    const message = decodeText(sns.data.Sns.Message, 'SNS message', ids);
    const hints = hintsFromTopic(sns.data.Sns.TopicArn ?? sns.data.EventSubscriptionArn);
    return notifications(message, { ...base, ...hints, identifiers: ids });
  }
  const sqs = SqsLambdaRecord.safeParse(record);
  if (sqs.success) {
    const ids: EventIdentifiers = {
      shape: 'sqs',
      eventSource: 'aws:sqs',
      messageId: clip(sqs.data.messageId ?? undefined),
    };
    const body = decodeText(sqs.data.body, 'SQS message body', ids);
    return notifications(body, { ...base, identifiers: ids });
  }
  const eventSource = isRecord(record) ? (str(record['EventSource']) ?? str(record['eventSource'])) : undefined;
  throw new MalformedEventError(
    'UNKNOWN_SHAPE',
    `record ${index} is not an SNS or SQS record${eventSource ? ` (event source ${eventSource})` : ''}`,
    { eventSource },
  );
}

type TopLevel = { readonly records: readonly unknown[] } | { readonly notification: AlarmNotification };

function fromTopLevel(event: unknown): TopLevel {
  if (event === undefined || event === null) throw new MalformedEventError('EMPTY', 'the event is empty');
  let value: unknown = event;
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') value = decodeText(value, 'the event body', {});
  if (isRecord(value) && 'Records' in value) {
    const records = RecordsEvent.safeParse(value);
    if (!records.success) throw new MalformedEventError('UNKNOWN_SHAPE', '"Records" is not a list of records');
    if (records.data.Records.length === 0) throw new MalformedEventError('EMPTY', 'the event has no records');
    if (records.data.Records.length > MAX_RECORDS) {
      throw new MalformedEventError(
        'TOO_LARGE',
        `the event has ${records.data.Records.length} records (at most ${MAX_RECORDS} expected)`,
      );
    }
    // Records are parsed one by one by the caller so a bad one does not hide the good ones.
    return { records: records.data.Records };
  }
  return { notification: notifications(value, { depth: 0, identifiers: {} }) };
}

function asTyped(error: unknown): AlarmEventError {
  if (error instanceof AlarmEventError) return error;
  // Defence in depth: the parser's contract is to throw only its own errors.
  return new MalformedEventError('INVALID_ALARM', 'the event could not be read', {}, { cause: error });
}

function outcome(read: () => AlarmNotification): ParseOutcome {
  try {
    const notification = read();
    return { ok: true, incident: toIncident(notification), identifiers: notification.identifiers };
  } catch (error) {
    return { ok: false, error: asTyped(error) };
  }
}

/**
 * Every alarm notification in an event, each parsed or rejected. Never throws: an event that is
 * unreadable as a whole yields one rejected outcome.
 */
export function parseAlarmEvents(event: unknown): ParseOutcome[] {
  let top: TopLevel;
  try {
    top = fromTopLevel(event);
  } catch (error) {
    return [{ ok: false, error: asTyped(error) }];
  }
  if ('notification' in top) {
    const { notification } = top;
    return [outcome(() => notification)];
  }
  return top.records.map((record, index) => outcome(() => fromRecord(record, index)));
}

/** Exactly one incident from an event carrying one notification; throws only AlarmEventError. */
export function parseAlarmEvent(event: unknown): Incident {
  const outcomes = parseAlarmEvents(event);
  const [first] = outcomes;
  if (first === undefined) throw new MalformedEventError('EMPTY', 'the event has no notification');
  if (!first.ok) throw first.error;
  if (outcomes.length > 1) {
    throw new MalformedEventError('UNKNOWN_SHAPE', `the event carries ${outcomes.length} notifications, expected one`);
  }
  return first.incident;
}
