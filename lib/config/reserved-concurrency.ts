/**
 * The responder's reserved concurrency: a number caps parallel diagnoses (and the AWS API load of
 * an alarm storm); 'none' reserves nothing. New accounts often have an account concurrency quota
 * of 10, and Lambda refuses any reservation that leaves fewer than 10 unreserved executions, so
 * there the deploy fails and rolls back unless the reservation is off.
 */
import { describe, type Issues } from './issues';

/** A whole number of executions reserved for the responder, or 'none' for no reservation. */
export type ReservedConcurrency = number | 'none';

export const DEFAULT_RESERVED_CONCURRENCY = 5;
export const MAX_RESERVED_CONCURRENCY = 1000;

export function validateReservedConcurrency(issues: Issues, path: string, value: unknown): ReservedConcurrency {
  if (value === undefined) return DEFAULT_RESERVED_CONCURRENCY;
  if (value === 'none') return 'none';
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_RESERVED_CONCURRENCY) {
    return value;
  }
  issues.add(
    path,
    typeof value === 'number' ? `${describe(value)} is out of range` : `${describe(value)} is not valid`,
    `Use a whole number from 1 to ${MAX_RESERVED_CONCURRENCY}, or 'none' for no reservation (accounts whose concurrency quota is 10 cannot reserve any).`,
  );
  return DEFAULT_RESERVED_CONCURRENCY;
}

/** The value for the function's ReservedConcurrentExecutions: undefined leaves the property out. */
export function reservedExecutions(value: ReservedConcurrency): number | undefined {
  return value === 'none' ? undefined : value;
}
