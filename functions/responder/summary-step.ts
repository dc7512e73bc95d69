/**
 * The summary of an event: an opening (diagnosed, classified, with remediation), an update in the
 * incident's thread, or the resolution (which repeats the opening diagnosis).
 */
import type { ClaimDecision } from '../incidents/grouping';
import { claimOpening, durationMinutes } from '../incidents/grouping';
import { otherFiringLabels } from '../incidents/incident-alarms';
import type { EventOutcome, EventRecord, IncidentRecord } from '../incidents/records';
import type { Incident, IncidentSummary } from '../types';
import { diagnoseSafely } from './diagnosis-step';
import { updateIncident } from './incident-updates';
import type { InvocationContext } from './invocation';
import type { ResponderDeps } from './ports';

/** Builds the summary of an event; the outcome may change when another opener took over. */
export async function summarise(
  deps: ResponderDeps,
  incident: Incident,
  record: EventRecord,
  ctx: InvocationContext,
): Promise<{ outcome: EventOutcome; summary?: IncidentSummary }> {
  const { store, log, settings } = deps;
  const key = record.incidentKey!;
  const incidentId = record.incidentId!;
  let outcome = record.outcome!;
  if (outcome === 'open') {
    const found = await diagnoseSafely(deps, incident, ctx.deadline - settings.notifyReserveMs, record.attempts);
    const claim = await updateIncident<ClaimDecision & { next: IncidentRecord | undefined }>(deps, key, (current) => {
      if (current === undefined || current.incidentId !== incidentId) {
        return { kind: 'lost', outcome: 'join', next: undefined };
      }
      const decision = claimOpening(current, record.key, incident, deps.now());
      return { ...decision, next: decision.kind === 'claimed' ? decision.next : undefined };
    });
    if (claim.kind === 'claimed') {
      const summary = await deps.buildSummary({
        incident: found.diagnosis?.incident ?? incident,
        kind: 'open',
        incidentId,
        ...found,
        alsoFiring: claim.alsoFiring,
      });
      return { outcome, summary };
    }
    log.info('another event took over as the opener of this incident', { incidentId });
    outcome = claim.outcome;
    if (outcome === 'absorbed') return { outcome };
  }
  const current = await store.getIncident(key);
  if (outcome === 'update' || outcome === 'join' || outcome === 'reopen') {
    const alsoFiring = otherFiringLabels(current?.alarms ?? [], incident.alarmArn);
    return { outcome, summary: await deps.buildSummary({ incident, kind: 'update', incidentId, alsoFiring }) };
  }
  const sameIncident = current?.incidentId === incidentId;
  const openedAt = sameIncident ? current.openedAt : incident.stateChangeTime;
  // The opening summary, so the resolved parent message keeps its diagnosis.
  const opening = sameIncident ? (await store.getEvent(current.openerEventKey))?.summary : undefined;
  return {
    outcome,
    summary: await deps.buildSummary({
      incident,
      kind: 'resolved',
      incidentId,
      durationMinutes: durationMinutes(openedAt, incident.stateChangeTime),
      ...(opening === undefined ? {} : { opening }),
    }),
  };
}

/**
 * The incident's parent message as it should read now: the opening summary, naming every other
 * alarm firing in the incident at this moment, in the state of the incident. Undefined when the
 * opening summary is gone (the parent is then left as it is).
 */
export async function parentNow(
  deps: ResponderDeps,
  key: string,
  incidentId: string,
): Promise<{ parent: IncidentSummary; readAtMs: number } | undefined> {
  const readAtMs = deps.now();
  return parentFrom(deps, await deps.store.getIncident(key), incidentId, readAtMs);
}

/** parentNow from an incident record the caller read, starting at `readAtMs`. */
export async function parentFrom(
  deps: ResponderDeps,
  current: IncidentRecord | undefined,
  incidentId: string,
  readAtMs: number,
): Promise<{ parent: IncidentSummary; readAtMs: number } | undefined> {
  if (current === undefined || current.incidentId !== incidentId) return undefined;
  const opening = (await deps.store.getEvent(current.openerEventKey))?.summary;
  if (opening === undefined) return undefined;
  return { parent: { ...opening, alsoFiring: otherFiringLabels(current.alarms, opening.alarmArn) }, readAtMs };
}
