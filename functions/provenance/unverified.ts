/**
 * An alarm of another account that the gate could not check in that account's CloudWatch, and so
 * accepted on its checked claims only (account, region, names, watched API, time). That weaker
 * check must never be silent: the incident carries the line below into every summary of the event
 * (functions/notify/outline.ts shows it first under "Could not check", and on the resolution).
 */
import type { Incident } from '../types';

export type UnverifiedKind =
  /** The account has no read role configured. */
  | 'no-role'
  /** Its read role was refused for good by STS (missing, not trusted, another ExternalId). */
  | 'role-refused'
  /** The role was assumed, but it may not read the alarm (a member stack older than the config). */
  | 'alarm-read-denied'
  /** STS could not hand out the role for now, still after Lambda's retries (cross-account/sts-wait.ts). */
  | 'role-unavailable';

export interface UnverifiedAlarm {
  readonly kind: UnverifiedKind;
  readonly account: string;
  /** Made safe by the caller (STS's or CloudWatch's reason). */
  readonly reason?: string;
}

const CLAIMS = "acted on the notification's checked claims";
const REDEPLOY =
  "redeploy the member's read role (bin/member-read-role.ts) whenever regions, allowedAlarms or apis change";

/** The line a summary shows. */
export function unverifiedLine(u: UnverifiedAlarm): string {
  const why = u.reason === undefined ? '' : `: ${u.reason}`;
  switch (u.kind) {
    case 'no-role':
      return `alarm state not verified in CloudWatch: no read role for account ${u.account}; ${CLAIMS}`;
    case 'role-refused':
      return `alarm state not verified in CloudWatch: the read role for account ${u.account} could not be assumed${why}; ${CLAIMS}`;
    case 'alarm-read-denied':
      return `alarm state not verified in CloudWatch: the read role for account ${u.account} may not read this alarm${why}; ${CLAIMS}; ${REDEPLOY}`;
    case 'role-unavailable':
      return `alarm state not verified in CloudWatch: the read role for account ${u.account} was still unavailable after the retries (STS${why}); ${CLAIMS}`;
  }
}

/** The incident as the gate passes it on: carrying the line. */
export function withUnverified(incident: Incident, u: UnverifiedAlarm): Incident {
  return { ...incident, alarmStateUnverified: unverifiedLine(u) };
}
