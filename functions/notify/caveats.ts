/**
 * What every rendering must show near its top, not only under "Could not check" (review 6 #5): an
 * alarm state CloudWatch never confirmed, and a diagnosis that did not run because a member's read
 * role was missing, refused or unavailable. A reader who acts on the summary must know both before
 * the cause and the first step, and short renderings (Teams' card, a PagerDuty trigger, an
 * OpsItem's 2,048 characters) keep only their top.
 */
import { API_ACCOUNT_WHAT } from '../cross-account/cross-account-diagnosis';
import type { IncidentSummary } from '../types';

/** A check that could not be done, as every list of them shows it: "what: why (fix: ...)". */
export function notCheckedLine(n: IncidentSummary['notChecked'][number]): string {
  return `${n.what}: ${n.why}${n.fix === undefined ? '' : ` (fix: ${n.fix})`}`;
}

/** The lines, the weaker alarm check first. */
export function caveatsOf(summary: IncidentSummary): string[] {
  const readRole = summary.notChecked.filter((n) => n.what.startsWith(API_ACCOUNT_WHAT));
  return [
    ...(summary.alarmStateUnverified === undefined ? [] : [summary.alarmStateUnverified]),
    ...readRole.map(notCheckedLine),
  ];
}
