/**
 * The mute check, after grouping and before any summary or delivery (where maintenance windows
 * are consulted too): an ALARM of a muted API stage is recorded with the reason and not posted;
 * the OK that ends a mute "until OK" lifts it and is posted as usual.
 */
import type { EventRecord } from '../incidents/records';
import { muteKeyOf } from '../suppression/mute-key';
import { activeMute, muteReason } from '../suppression/mutes';
import type { Incident } from '../types';
import type { LeasedEvent } from './event-lease';
import { finishEvent } from './event-lease';
import type { EventReport } from './invocation';
import { METRICS } from './metric-names';
import type { ResponderDeps } from './ports';

/** The outcomes that would post something: the ones a mute can hold back. */
const POSTING_OUTCOMES: ReadonlySet<EventRecord['outcome']> = new Set(['open', 'update', 'join', 'reopen', 'resolved']);

/**
 * An incident opened while muted has no thread anywhere: its later alarms and its OK have nothing
 * to reply to, so they are recorded the same way (with the opener's reason).
 */
async function mutedOpener(deps: ResponderDeps, record: EventRecord): Promise<string | undefined> {
  if (record.incidentKey === undefined) return undefined;
  const current = await deps.store.getIncident(record.incidentKey);
  if (current === undefined || current.incidentId !== record.incidentId || current.openerEventKey === record.key)
    return undefined;
  const opener = await deps.store.getEvent(current.openerEventKey);
  return opener?.outcome === 'muted' ? `its incident opened while ${opener.suppressedBecause ?? 'muted'}` : undefined;
}

/** The report of a muted event, or undefined when the event goes on to delivery. */
export async function applyMute(
  deps: ResponderDeps,
  incident: Incident,
  lease: LeasedEvent,
): Promise<EventReport | undefined> {
  const mutes = deps.mutes;
  if (mutes === undefined) return undefined;
  const record = lease.record;
  if (!POSTING_OUTCOMES.has(record.outcome)) return undefined;
  const key = muteKeyOf(incident);
  const mute = await mutes.get(key);
  if (record.outcome === 'resolved' && mute !== undefined && mute.until === undefined) {
    await mutes.remove(key);
    deps.log.info('alarm OK: the mute until OK is lifted', { key, mutedBy: mute.by });
  }
  const active = record.outcome === 'resolved' ? undefined : activeMute(mute, deps.now());
  const reason =
    (active === undefined ? undefined : muteReason(active)) ??
    (record.outcome === 'open' ? undefined : await mutedOpener(deps, record));
  if (reason === undefined) return undefined;
  await finishEvent(lease, { outcome: 'muted', suppressedBecause: reason });
  deps.metrics.count(METRICS.mutedEvents);
  deps.log.info('API stage muted: event recorded, nothing posted', { incidentId: record.incidentId, reason });
  return {
    alarmName: incident.alarmName,
    state: incident.state,
    outcome: 'muted',
    incidentId: record.incidentId,
    reason,
  };
}
