/**
 * The incident store: four conditional primitives (get/put of event and incident records) and a
 * pace counter. All decisions live with the caller, which retries on a lost condition, so the
 * DynamoDB and in-memory implementations stay small and behave the same.
 */
import type { EventRecord, IncidentRecord } from './records';

export interface IncidentStore {
  getEvent(key: string): Promise<EventRecord | undefined>;
  /**
   * Writes `record` if the stored version is `record.version - 1` (or absent when version is 1).
   * Returns false when another writer got there first.
   */
  putEvent(record: EventRecord): Promise<boolean>;
  getIncident(key: string): Promise<IncidentRecord | undefined>;
  /** Same condition as putEvent. */
  putIncident(record: IncidentRecord): Promise<boolean>;
  /**
   * Reserves the next send slot of a rate-limited channel: returns the epoch ms at which the
   * caller may send (now when the channel is idle), and moves the slot on by `intervalMs`.
   */
  reserveSlot(channel: string, nowMs: number, intervalMs: number): Promise<number>;
}

/** Days event records are kept: longer than the DLQ keeps a message (14 days at most), so a replay still finds them. */
export const EVENT_RETENTION_DAYS = 15;
/** Days an incident record is kept after its last change. */
export const INCIDENT_RETENTION_DAYS = 30;

/** Epoch seconds for the TTL attribute. */
export function expiresAt(nowMs: number, days: number): number {
  return Math.floor(nowMs / 1000) + days * 86_400;
}
