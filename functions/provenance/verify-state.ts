/**
 * CloudWatch is the source of truth: a notification is acted on only when CloudWatch agrees. A
 * same-account forger can copy a real alarm's ARN and name, but not its state in CloudWatch.
 *
 *   current    CloudWatch is in the claimed state, updated at or after the claimed time: the
 *              notification describes the alarm as it is (the usual, live case).
 *   history    CloudWatch has moved on (the alarm changed again since, e.g. a DLQ replay hours
 *              later), but its history holds a change to the claimed state at the claimed time:
 *              a genuine, late notification. The lifecycle then orders it with the others.
 *   otherwise  forged or stale: STATE_MISMATCH, STALE_STATE or UNKNOWN_ALARM.
 */
import type { Incident } from '../types';
import type { AlarmView, StateChange } from './alarm-state-reader';
import { rejection, type ProvenanceRejection } from './reasons';

/** Notification times and StateUpdatedTimestamp are written separately: allow their rounding. */
export const TIMESTAMP_TOLERANCE_MS = 1_000;
/** A history item within this of the claimed time is the same state change. */
export const HISTORY_MATCH_MS = 60_000;

export type StateVerdict =
  | { readonly ok: true; readonly via: 'current'; readonly view: AlarmView }
  | { readonly ok: true; readonly via: 'history'; readonly view: AlarmView; readonly change: StateChange }
  | { readonly ok: 'needs-history'; readonly view: AlarmView }
  | ProvenanceRejection;

/** First look: the current state. `needs-history` when only the history can tell. */
export function compareWithCurrent(incident: Incident, view: AlarmView | undefined): StateVerdict {
  if (view === undefined) {
    return rejection('UNKNOWN_ALARM', `CloudWatch has no alarm named "${incident.alarmName}" in ${incident.region}`);
  }
  const claimedMs = Date.parse(incident.stateChangeTime);
  const updatedMs = Date.parse(view.updatedAt);
  if (view.state === incident.state && updatedMs + TIMESTAMP_TOLERANCE_MS >= claimedMs) {
    return { ok: true, via: 'current', view };
  }
  if (view.state === incident.state) {
    return rejection(
      'STALE_STATE',
      `CloudWatch has been ${view.state} since ${view.updatedAt}, before the claimed change at ${incident.stateChangeTime}`,
    );
  }
  // CloudWatch says another state; a genuine change it has since moved past is in its history.
  return updatedMs >= claimedMs ? { ok: 'needs-history', view } : mismatch(incident, view);
}

function mismatch(incident: Incident, view: AlarmView): ProvenanceRejection {
  return rejection(
    'STATE_MISMATCH',
    `the notification claims ${incident.state} at ${incident.stateChangeTime}; CloudWatch says ${view.state} since ${view.updatedAt} and records no such change`,
  );
}

/** Second look: a change to the claimed state near the claimed time. */
export function compareWithHistory(incident: Incident, view: AlarmView, changes: readonly StateChange[]): StateVerdict {
  const claimedMs = Date.parse(incident.stateChangeTime);
  const change = changes.find(
    (c) => c.state === incident.state && Math.abs(Date.parse(c.at) - claimedMs) <= HISTORY_MATCH_MS,
  );
  return change === undefined ? mismatch(incident, view) : { ok: true, via: 'history', view, change };
}
