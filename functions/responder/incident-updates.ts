/**
 * The incident record: which incident an alarm event belongs to (open, update, absorbed, resolved,
 * ignored) and where the incident was posted. Concurrent events of one API race on this record,
 * so every change is a conditional write, decided again on a lost race.
 */
import type { AlarmDecision, OkDecision } from '../incidents/grouping';
import { applyAlarm, applyOk, incidentKeyOf, mergeRefs } from '../incidents/grouping';
import type { EventOutcome, EventRecord, IncidentRecord } from '../incidents/records';
import type { Incident } from '../types';
import { ResponderError } from './errors';
import type { LeasedEvent } from './event-lease';
import { METRICS } from './metric-names';
import type { DestinationRefs, ResponderDeps } from './ports';
import { MAX_WRITE_ATTEMPTS } from './write-attempts';

/** Read, decide, write conditionally; again on a lost race. */
export async function updateIncident<D extends { next: IncidentRecord | undefined }>(
  deps: ResponderDeps,
  key: string,
  decide: (current: IncidentRecord | undefined) => D,
): Promise<D> {
  const { store } = deps;
  for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
    const decision = decide(await store.getIncident(key));
    if (decision.next === undefined || (await store.putIncident(decision.next))) return decision;
  }
  throw new ResponderError(`incident record ${key}: too much contention`);
}

/** Groups the event into its API's incident: an ALARM opens, joins or re-opens one, an OK resolves it. */
async function groupIntoIncident(
  deps: ResponderDeps,
  incident: Incident,
  eventKey: string,
): Promise<{ outcome: EventOutcome; record?: IncidentRecord | undefined }> {
  const { log, settings } = deps;
  const key = incidentKeyOf(incident);
  if (incident.state === 'ALARM') {
    const decision = await updateIncident<AlarmDecision>(deps, key, (current) =>
      applyAlarm(current, incident, eventKey, deps.now(), settings),
    );
    if (decision.outcome === 'stale') {
      // Not posted: the alarm is already known to be OK again; posting would open a thread, a
      // ticket and a page for an incident that is over.
      log.info('stale ALARM: older than a known state change of its alarm; not posted', {
        why: decision.why,
        alarmName: incident.alarmName,
      });
    }
    return { outcome: decision.outcome, record: decision.record };
  }
  const decision = await updateIncident<OkDecision>(deps, key, (current) => applyOk(current, incident));
  if (decision.outcome !== 'resolved') {
    log.info('OK with nothing to resolve: remembered, nothing posted', {
      why: decision.why,
      alarmName: incident.alarmName,
    });
  }
  return { outcome: decision.outcome, record: decision.record };
}

/**
 * Groups the event and keeps the outcome on its event record, so a retry of the invocation does not
 * group the same event twice.
 */
export async function recordGrouping(
  deps: ResponderDeps,
  lease: LeasedEvent,
  incident: Incident,
  eventKey: string,
): Promise<EventRecord> {
  const { metrics } = deps;
  const decided = await groupIntoIncident(deps, incident, eventKey);
  // After the incident write: a parent edit rendered from a read at or after this time shows the event.
  const groupedAtMs = deps.now();
  const saved = await lease.save({
    outcome: decided.outcome,
    incidentKey: incidentKeyOf(incident),
    groupedAtMs,
    ...(decided.record === undefined ? {} : { incidentId: decided.record.incidentId }),
  });
  if (decided.outcome === 'open') metrics.count(METRICS.incidentsOpened);
  if (decided.outcome === 'join' || decided.outcome === 'absorbed') metrics.count(METRICS.alarmsGrouped);
  if (decided.outcome === 'reopen') metrics.count(METRICS.incidentsReopened);
  if (decided.outcome === 'stale') metrics.count(METRICS.staleEvents);
  if (decided.outcome === 'resolved') metrics.count(METRICS.incidentsResolved);
  return saved;
}

/** Keeps where the incident was posted, so replies and the resolution land in its thread or ticket. */
export async function recordRefs(deps: ResponderDeps, record: EventRecord, refs: DestinationRefs): Promise<void> {
  if (Object.keys(refs).length === 0) return;
  await updateIncident(deps, record.incidentKey!, (current) => ({
    next: current === undefined || current.incidentId !== record.incidentId ? undefined : mergeRefs(current, refs),
  }));
}
