/**
 * Optimistic-concurrency attempts on a store record before giving up (and letting Lambda retry).
 * Shared by the event lease and the incident record so both give up under the same contention.
 */
export const MAX_WRITE_ATTEMPTS = 8;
