/**
 * What one invocation brings in (its deadline) and what it reports per alarm notification. Kept
 * apart from the steps so each step can name them without importing the composition.
 */
import type { EventOutcome } from '../incidents/records';
import type { DestinationName } from '../types';

export interface InvocationContext {
  /** Epoch ms by which the invocation must have returned (Lambda deadline minus a reserve). */
  readonly deadline: number;
}

export interface EventReport {
  readonly alarmName?: string;
  readonly state?: string;
  readonly outcome: EventOutcome | 'rejected' | 'duplicate';
  readonly incidentId?: string;
  readonly delivered?: readonly DestinationName[];
  readonly failed?: readonly DestinationName[];
  readonly reason?: string;
}
