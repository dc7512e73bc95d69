/**
 * The event record as a lease, the idempotency of the responder: one invocation at a time holds an
 * event (alarm ARN + state-change time + state). A finished event is a duplicate; one leased by a
 * live invocation is busy, which FAILS the invocation (EventBusyError) so Lambda delivers it again
 * later: a busy answer never acknowledges an event that a dying attempt still holds. Leases are
 * short and renewed while the work proceeds, so a dead attempt's lease runs out within seconds and
 * the next delivery takes the event over.
 */
import type { EventRecord } from '../incidents/records';
import type { Incident } from '../types';
import { EventBusyError, LeaseLostError, ResponderError } from './errors';
import type { ResponderDeps } from './ports';
import { MAX_WRITE_ATTEMPTS } from './write-attempts';

export type Acquired =
  | { readonly kind: 'acquired'; readonly lease: LeasedEvent }
  | { readonly kind: 'duplicate'; readonly record: EventRecord };

type Patch = Partial<EventRecord> | ((current: EventRecord) => Partial<EventRecord>);

/**
 * The held event record. Every write goes through one queue (the heartbeat, the per-destination
 * records and the final status race otherwise), conditional on the version this holder wrote last:
 * a lost write means another invocation took the event over (LeaseLostError).
 */
export class LeasedEvent {
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private lost = false;

  constructor(
    private readonly deps: ResponderDeps,
    private current: EventRecord,
  ) {}

  get record(): EventRecord {
    return this.current;
  }

  /** Writes the patch (or the patch computed from the latest record) and returns the record written. */
  save(patch: Patch): Promise<EventRecord> {
    const run = async (): Promise<EventRecord> => {
      if (this.lost) throw new LeaseLostError(`event record ${this.current.key} was taken over`);
      const changes = typeof patch === 'function' ? patch(this.current) : patch;
      const next: EventRecord = {
        ...this.current,
        ...changes,
        updatedAt: new Date(this.deps.now()).toISOString(),
        version: this.current.version + 1,
      };
      if (!(await this.deps.store.putEvent(next))) {
        this.lost = true;
        throw new LeaseLostError(`event record ${this.current.key} was taken over`);
      }
      this.current = next;
      return next;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Renews the lease every third of its length until stop(); a failed renewal is retried next tick. */
  keepAlive(): void {
    const { settings, log } = this.deps;
    if (this.timer !== undefined || settings.leaseMs <= 0) return;
    this.timer = setInterval(
      () => {
        if (this.current.status !== 'in-progress') return;
        this.save({ leaseUntil: this.deps.now() + settings.leaseMs }).catch((error: unknown) => {
          log.warn('could not renew the event lease', {
            error: error instanceof Error ? error.message : String(error),
          });
        });
      },
      Math.max(50, Math.floor(settings.leaseMs / 3)),
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Creates the event record or takes over an expired lease; throws EventBusyError while another invocation holds it. */
export async function acquireEvent(deps: ResponderDeps, incident: Incident, key: string): Promise<Acquired> {
  const { store, settings } = deps;
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const existing = await store.getEvent(key);
    const now = deps.now();
    const leaseUntil = now + settings.leaseMs;
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
      if (await store.putEvent(record)) return { kind: 'acquired', lease: new LeasedEvent(deps, record) };
      continue;
    }
    if (existing.status === 'done') return { kind: 'duplicate', record: existing };
    if (existing.status === 'in-progress' && existing.leaseUntil > now) {
      throw new EventBusyError(
        `event of alarm "${incident.alarmName}" is being handled by another invocation (lease until ${new Date(existing.leaseUntil).toISOString()}); failing so Lambda delivers it again`,
      );
    }
    const record: EventRecord = {
      ...existing,
      status: 'in-progress',
      leaseUntil,
      attempts: existing.attempts + 1,
      updatedAt: new Date(now).toISOString(),
      version: existing.version + 1,
    };
    if (await store.putEvent(record)) return { kind: 'acquired', lease: new LeasedEvent(deps, record) };
  }
  throw new ResponderError(`event record ${key}: too much contention`);
}

/** Marks the event handled and releases its lease, so a redelivery is dropped as a duplicate. */
export async function finishEvent(lease: LeasedEvent, patch: Partial<EventRecord> = {}): Promise<EventRecord> {
  lease.stop();
  return lease.save({ ...patch, status: 'done', leaseUntil: 0 });
}
