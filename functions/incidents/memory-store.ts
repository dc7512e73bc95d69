/**
 * The incident store in memory, with the same conditional semantics as DynamoDB and an await
 * between read and write so concurrent callers interleave as they would against the table. For
 * tests and local runs.
 */
import type { EventRecord, IncidentRecord } from './records';
import type { IncidentStore } from './store';

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class MemoryIncidentStore implements IncidentStore {
  readonly events = new Map<string, EventRecord>();
  readonly incidents = new Map<string, IncidentRecord>();
  private readonly slots = new Map<string, number>();

  async getEvent(key: string): Promise<EventRecord | undefined> {
    await tick();
    const record = this.events.get(key);
    return record === undefined ? undefined : clone(record);
  }

  async putEvent(record: EventRecord): Promise<boolean> {
    await tick();
    if (!matches(this.events.get(record.key)?.version, record.version)) return false;
    this.events.set(record.key, clone(record));
    return true;
  }

  async getIncident(key: string): Promise<IncidentRecord | undefined> {
    await tick();
    const record = this.incidents.get(key);
    return record === undefined ? undefined : clone(record);
  }

  async putIncident(record: IncidentRecord): Promise<boolean> {
    await tick();
    if (!matches(this.incidents.get(record.key)?.version, record.version)) return false;
    this.incidents.set(record.key, clone(record));
    return true;
  }

  async reserveSlot(channel: string, nowMs: number, intervalMs: number): Promise<number> {
    await tick();
    const next = this.slots.get(channel);
    const slot = next === undefined || next <= nowMs ? nowMs : next;
    this.slots.set(channel, slot + intervalMs);
    return slot;
  }
}

function matches(stored: number | undefined, next: number): boolean {
  return stored === undefined ? next === 1 : stored === next - 1;
}
