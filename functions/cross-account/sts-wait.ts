/**
 * How long an incident waits for STS when a member's read role cannot be assumed for now
 * (throttled, timed out, an STS 5xx: ReadRoleUnavailableError). A page is worth more than its
 * diagnosis, so the wait is bounded and then the incident goes out saying what was not done:
 *
 *   diagnosis  the alarm is already verified (or needs no role): only the diagnosis is missing.
 *              The first attempt fails so Lambda retries it a minute later (the SDK has already
 *              retried STS three times within it); from the first retry on, or once the state
 *              change is older than the horizon below, the opening is posted with "diagnosis not
 *              run: read role unavailable ..., use Re-run diagnosis". A disruption that outlasts a
 *              minute is an STS event, not a blip, and every minute more holds back the page of
 *              the whole incident (its sibling alarms are absorbed into this opener).
 *   gate       CloudWatch's view of the alarm cannot be read: trust comes first, so the record is
 *              retried for Lambda's whole schedule (1 min, then 2 min). Once the state change is
 *              older than the horizon (the last retry, or a dead-letter replay), the alarm passes
 *              on its checked claims with "alarm state not verified in CloudWatch: ... STS ...",
 *              as it does when the account has no role: visible, never silent.
 *
 * Lambda exposes no attempt number to an asynchronous invocation, so the gate (which runs before
 * the event record exists) measures the notification's age; the diagnosis has its record's attempts.
 */

/** Attempts of an opening that fail (and are retried) on an unavailable read role before it is posted without it. */
export const STS_WAIT_ATTEMPTS = 1;

/**
 * Age of a state change after which STS is waited for no longer: past Lambda's first retry (1 min)
 * and within reach of its last (1 + 2 min after the first attempt).
 */
export const STS_WAIT_HORIZON_MS = 150_000;

/** True when a notification is old enough that no further retry is worth holding it for. */
export function stsHorizonPassed(stateChangeTime: string, nowMs: number): boolean {
  const changed = Date.parse(stateChangeTime);
  return Number.isFinite(changed) && nowMs - changed >= STS_WAIT_HORIZON_MS;
}

/** True when an opening should go out now without the diagnosis the read role would have given. */
export function stsWaitOver(attempt: number, stateChangeTime: string, nowMs: number): boolean {
  return attempt > STS_WAIT_ATTEMPTS || stsHorizonPassed(stateChangeTime, nowMs);
}
