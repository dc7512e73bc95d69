/** The opener's claim of the opening message: which other firing alarms it names ("also firing"). */
import type { Incident } from '../types';
import { alarmEntry, announcedKey } from './incident-alarms';
import type { IncidentRecord } from './records';

export type ClaimDecision =
  | { readonly kind: 'claimed'; readonly next: IncidentRecord | undefined; readonly alsoFiring: readonly string[] }
  /** Another event became the opener (this one's opener was presumed dead): post as that says. */
  | { readonly kind: 'lost'; readonly outcome: 'join' | 'absorbed' };

/**
 * Fixes the content of the opening message: every other alarm firing now is named in it
 * ("also firing") and will not post its own reply.
 */
export function claimOpening(
  current: IncidentRecord,
  eventKey: string,
  incident: Incident,
  nowMs: number,
): ClaimDecision {
  if (current.openerEventKey !== eventKey) {
    return {
      kind: 'lost',
      outcome: current.announced.includes(announcedKey(alarmEntry(incident))) ? 'absorbed' : 'join',
    };
  }
  const labels = (keys: readonly string[]): string[] => [
    ...new Set(current.alarms.filter((a) => keys.includes(announcedKey(a))).map((a) => a.label)),
  ];
  if (current.phase === 'announced') return { kind: 'claimed', next: undefined, alsoFiring: labels(current.announced) };
  const announced = current.alarms
    .filter((a) => a.state === 'ALARM' && a.arn !== incident.alarmArn)
    .map((a) => announcedKey(a));
  const next: IncidentRecord = {
    ...current,
    phase: 'announced',
    claimedAtMs: nowMs,
    announced,
    version: current.version + 1,
  };
  return { kind: 'claimed', next, alsoFiring: labels(announced) };
}
