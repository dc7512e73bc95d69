/**
 * Sends an event's summary to the destinations still missing it and records the result. A reply
 * goes into the thread of the incident's opening message, so it waits for that message's reference;
 * a destination still failing after the delivery layer's retries fails the invocation so Lambda
 * retries it (DeliveryIncompleteError).
 */
import type { DeliveryFailure, EventRecord } from '../incidents/records';
import type { DestinationName, Incident, IncidentSummary } from '../types';
import { DeliveryIncompleteError } from './errors';
import { finishEvent, saveEvent } from './event-lease';
import { recordRefs } from './incident-updates';
import type { EventReport, InvocationContext } from './invocation';
import { METRICS } from './metric-names';
import type { DestinationRefs, ResponderDeps } from './ports';
import { paceSlack } from './slack-pacing';

/**
 * Where the incident was posted. A reply needs the opening message's reference (thread ts, issue
 * key); while the opener is still delivering, wait for it a little.
 */
async function refsFor(
  deps: ResponderDeps,
  record: EventRecord,
  targets: readonly DestinationName[],
  ctx: InvocationContext,
): Promise<DestinationRefs | undefined> {
  const { store, settings } = deps;
  const key = record.incidentKey!;
  const until = Math.min(deps.now() + settings.refWaitMs, ctx.deadline - settings.notifyReserveMs / 2);
  for (;;) {
    const current = await store.getIncident(key);
    // The incident was replaced by a newer one (or expired): there is no thread left to post in.
    if (current === undefined || current.incidentId !== record.incidentId) return undefined;
    if (record.outcome === 'open') return current.refs;
    const missing = targets.filter((d) => current.refs[d] === undefined);
    if (missing.length === 0 || deps.now() + settings.refPollMs > until) return current.refs;
    const opener = await store.getEvent(current.openerEventKey);
    const openerBusy = opener?.status === 'in-progress' && opener.leaseUntil > deps.now();
    if (!openerBusy) return current.refs;
    await deps.sleep(settings.refPollMs);
  }
}

/** Delivers the summary, keeps what was delivered on the event record and reports it; throws while a destination is missing. */
export async function deliver(
  deps: ResponderDeps,
  incident: Incident,
  initial: EventRecord,
  summary: IncidentSummary,
  ctx: InvocationContext,
  /** Only these destinations (a maintenance window's choice). @default every configured one */
  allowed: readonly DestinationName[] = deps.destinations,
): Promise<EventReport> {
  const { log, metrics } = deps;
  let record = initial;
  const targets = allowed.filter((d) => !record.delivered.includes(d));
  const found = targets.length === 0 ? {} : await refsFor(deps, record, targets, ctx);
  if (found === undefined) {
    log.warn('the incident of this event no longer exists; nothing to post', { incidentId: record.incidentId });
    await finishEvent(deps, record);
    return {
      alarmName: incident.alarmName,
      state: incident.state,
      outcome: 'ignored',
      incidentId: record.incidentId,
    };
  }
  const refs: DestinationRefs = found;
  const sendable = record.outcome === 'open' ? targets : targets.filter((d) => refs[d] !== undefined);
  const failures: DeliveryFailure[] = targets
    .filter((d) => !sendable.includes(d))
    .map((destination) => ({
      destination,
      reason: "the incident's opening message has not been delivered there yet",
      retries: 0,
    }));
  const delivered: DestinationName[] = [];
  const newRefs: DestinationRefs = {};
  if (sendable.length > 0) {
    await paceSlack(deps, sendable, ctx);
    const results = await deps.deliver(summary, refs, { deadline: ctx.deadline, only: sendable });
    for (const result of results) {
      if (!sendable.includes(result.destination)) continue;
      if (result.status === 'delivered') {
        delivered.push(result.destination);
        if (result.ref !== undefined) newRefs[result.destination] = result.ref;
        metrics.count(METRICS.notificationsDelivered, { destination: result.destination });
      } else {
        failures.push({
          destination: result.destination,
          reason: result.reason ?? result.status,
          retries: result.retries,
        });
      }
    }
    for (const d of sendable) {
      if (!results.some((r) => r.destination === d)) {
        failures.push({ destination: d, reason: 'the delivery layer returned no result', retries: 0 });
      }
    }
  }
  if (record.outcome === 'open') await recordRefs(deps, record, newRefs);
  for (const failure of failures) metrics.count(METRICS.destinationFailures, { destination: failure.destination });
  record = await saveEvent(deps, record, {
    delivered: [...record.delivered, ...delivered],
    failures,
    status: failures.length > 0 ? 'failed' : 'done',
    leaseUntil: 0,
  });
  const report: EventReport = {
    alarmName: incident.alarmName,
    state: incident.state,
    outcome: record.outcome!,
    incidentId: record.incidentId,
    delivered: record.delivered,
    failed: failures.map((f) => f.destination),
  };
  if (failures.length > 0) {
    log.error('some destinations did not get the message; the invocation fails so Lambda retries them', {
      ...report,
      failures,
      attempt: record.attempts,
    });
    throw new DeliveryIncompleteError(incident.alarmName, failures);
  }
  log.info('summary delivered', { ...report, attempt: record.attempts });
  return report;
}
