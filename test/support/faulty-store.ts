/**
 * Fault injection between the handler and the incident store: the n-th store call of an
 * invocation fails with a passing error, either before it reaches the store or after a write went
 * through (the answer was lost), as a DynamoDB outage or a dropped connection would.
 */
import type { EventRecord, IncidentRecord } from '../../functions/incidents/records';
import type { IncidentStore } from '../../functions/incidents/store';

export interface StoreFault {
  /** 1-based index of the store call that fails. */
  readonly failAt: number;
  /** The write goes through and then the call fails (reads always fail before). */
  readonly afterWrite: boolean;
}

function outage(): Error {
  const error = new Error('injected: the store is unavailable');
  error.name = 'ServiceUnavailable';
  return error;
}

export class FaultyStore implements IncidentStore {
  private calls = 0;
  private fault: StoreFault | undefined;

  constructor(private readonly inner: IncidentStore) {}

  /** Arms a fault for the calls from now on (counted afresh). */
  arm(fault: StoreFault | undefined): void {
    this.calls = 0;
    this.fault = fault;
  }

  private async run<T>(write: boolean, call: () => Promise<T>): Promise<T> {
    this.calls += 1;
    const hit = this.fault !== undefined && this.calls === this.fault.failAt;
    if (hit && !(write && this.fault!.afterWrite)) throw outage();
    const result = await call();
    if (hit) throw outage();
    return result;
  }

  getEvent(key: string): Promise<EventRecord | undefined> {
    return this.run(false, () => this.inner.getEvent(key));
  }

  putEvent(record: EventRecord): Promise<boolean> {
    return this.run(true, () => this.inner.putEvent(record));
  }

  getIncident(key: string): Promise<IncidentRecord | undefined> {
    return this.run(false, () => this.inner.getIncident(key));
  }

  putIncident(record: IncidentRecord): Promise<boolean> {
    return this.run(true, () => this.inner.putIncident(record));
  }

  reserveSlot(channel: string, nowMs: number, intervalMs: number): Promise<number> {
    return this.run(true, () => this.inner.reserveSlot(channel, nowMs, intervalMs));
  }
}
