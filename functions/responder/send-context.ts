/**
 * What a destination is told about the event it is sent (the SendContext): its idempotency key,
 * what it is for the incident, the steps already recorded, and a way to record the next one in
 * the event record, so a retry in another container skips what is done.
 */
import type { EventRecord } from '../incidents/records';
import type { DestinationName, IncidentSummary, SendContext } from '../types';
import type { LeasedEvent } from './event-lease';

/** The send outcome of an event outcome; records written before 'join' existed said 'update'. */
export function sendOutcomeOf(record: EventRecord): SendContext['outcome'] {
  const outcome = record.outcome;
  if (outcome === 'update' || outcome === 'join') return 'join';
  if (outcome === 'open' || outcome === 'reopen' || outcome === 'resolved') return outcome;
  throw new Error(`event outcome ${String(outcome)} has nothing to send`);
}

/** The context of one destination, read from the lease's latest record on every attempt. */
export function sendContextFor(
  lease: LeasedEvent,
  destination: DestinationName,
  parent: IncidentSummary | undefined,
): SendContext {
  const record = lease.record;
  return {
    eventKey: record.key,
    outcome: sendOutcomeOf(record),
    done: record.steps?.[destination] ?? [],
    // Any earlier attempt may have reached the destination between its send and its record.
    resumed: record.attempts > 1,
    ...(parent === undefined ? {} : { parent }),
    step: async (name) => {
      await lease.save((current) => ({
        steps: { ...current.steps, [destination]: [...(current.steps?.[destination] ?? []), name] },
      }));
    },
  };
}
