/**
 * The event record as a lease, the idempotency of the responder: one invocation at a time holds an
 * event (alarm ARN + state-change time + state). A finished event is a duplicate, one leased by a
 * live invocation is busy, and an expired lease (a crashed or retried invocation) is taken over.
 */
import type { EventRecord } from '../incidents/records';
import type { Incident } from '../types';
import { LeaseLostError, ResponderError } from './errors';
import type { InvocationContext } from './invocation';
import type { ResponderDeps } from './ports';
import { MAX_WRITE_ATTEMPTS } from './write-attempts';

export type Acquired =
  | { readonly kind: 'acquired'; readonly record: EventRecord }
  | { readonly kind: 'duplicate'; readonly record: EventRecord }
  | { readonly kind: 'busy'; readonly record: EventRecord };

/** Creates the event record or takes over an expired lease; the lease outlives the invocation by the record reserve. */
export async function acquireEvent(
  deps: ResponderDeps,
  incident: Incident,
  key: string,
  ctx: InvocationContext,
): Promise<Acquired> {
  const { store, settings } = deps;
  const leaseUntil = ctx.deadline + settings.recordReserveMs;
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const existing = await store.getEvent(key);
    const now = deps.now();
    if (existing === undefined) {
      const record: EventRecord = {
        key,
        alarmArn: incident.alarmArn,
        alarmName: incident.alarmName,
        stateChangeTime: incident.stateChangeTime,
        state: incident.state,
        status: 'in-progress',
        leaseUntil,
        attempts: 1,
        delivered: [],
        failures: [],
        updatedAt: new Date(now).toISOString(),
        version: 1,
      };
      if (await store.putEvent(record)) return { kind: 'acquired', record };
      continue;
    }
    if (existing.status === 'done') return { kind: 'duplicate', record: existing };
    if (existing.status === 'in-progress' && existing.leaseUntil > now) return { kind: 'busy', record: existing };
    const record: EventRecord = {
      ...existing,
      status: 'in-progress',
      leaseUntil,
      attempts: existing.attempts + 1,
      updatedAt: new Date(now).toISOString(),
      version: existing.version + 1,
    };
    if (await store.putEvent(record)) return { kind: 'acquired', record };
  }
  throw new ResponderError(`event record ${key}: too much contention`);
}

/**
 * Writes the leased record conditionally on its version. A lost write means another invocation took
 * the lease over: this one must stop touching the event (LeaseLostError).
 */
export async function saveEvent(
  deps: ResponderDeps,
  record: EventRecord,
  patch: Partial<EventRecord>,
): Promise<EventRecord> {
  const next: EventRecord = {
    ...record,
    ...patch,
    updatedAt: new Date(deps.now()).toISOString(),
    version: record.version + 1,
  };
  if (!(await deps.store.putEvent(next))) throw new LeaseLostError(`event record ${record.key} was taken over`);
  return next;
}

/** Marks the event handled and releases its lease, so a redelivery is dropped as a duplicate. */
export async function finishEvent(deps: ResponderDeps, record: EventRecord): Promise<EventRecord> {
  return saveEvent(deps, record, { status: 'done', leaseUntil: 0 });
}
