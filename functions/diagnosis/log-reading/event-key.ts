/**
 * The one identity of a CloudWatch Logs event, for every place that drops duplicates (the reader
 * at a slice boundary, a probe merging the read with context lines and request traces): its
 * eventId, or, where a source gives none, its stream, time and message. Two keys would count the
 * same event twice or drop one of two events that differ only by stream.
 */
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';

export function logEventKey(event: FilteredLogEvent): string {
  return event.eventId ?? `${event.logStreamName}:${event.timestamp}:${event.message}`;
}
