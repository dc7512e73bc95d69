/** The responder's errors. DeliveryIncompleteError and EventBusyError are meant to make Lambda retry the event. */
import type { DeliveryFailure } from '../incidents/records';
import { safeErrorText } from '../redact';

/** An error as the responder's log lines name it: "Name: message". */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class ResponderError extends Error {
  override readonly name: string = 'ResponderError';
}

/** RESPONDER_CONFIG is missing or invalid: a deployment problem, reported at cold start. */
export class RuntimeConfigError extends ResponderError {
  override readonly name: string = 'RuntimeConfigError';
}

/**
 * Some destination still lacks this event's message after its retries. Thrown so Lambda retries
 * the invocation (which then sends only to the destinations still missing), and after the last
 * retry puts the event in the dead-letter queue.
 */
export class DeliveryIncompleteError extends ResponderError {
  override readonly name: string = 'DeliveryIncompleteError';
  readonly failures: readonly DeliveryFailure[];

  constructor(alarmName: string, failures: readonly DeliveryFailure[], options?: ErrorOptions) {
    // Lambda puts this message in the DLQ record: the reasons are made safe once more here.
    super(
      safeErrorText(
        `alarm "${alarmName}": not delivered to ${failures.map((f) => `${f.destination} (${f.reason})`).join(', ')}`,
      ),
      options,
    );
    this.failures = failures;
  }
}

/** Another invocation took the event over (this one outlived its lease). */
export class LeaseLostError extends ResponderError {
  override readonly name: string = 'LeaseLostError';
}

/**
 * Another invocation holds the event's lease. Thrown (after the other records of the invocation
 * are handled) so Lambda delivers the event again: if that invocation dies, the retry takes over.
 */
export class EventBusyError extends ResponderError {
  override readonly name: string = 'EventBusyError';
}

/** A record the store rejects for good (a value it cannot hold): reported, counted, never retried. */
export class RecordRejectedError extends ResponderError {
  override readonly name: string = 'RecordRejectedError';
}
