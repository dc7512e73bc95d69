/**
 * Sends an event's summary to the destinations still missing it, each on its own: every
 * destination's result is recorded on the event record as soon as it is known (and its reference
 * on the incident), so a store outage after a send costs at most a lookup on retry, never a second
 * message. Slack's pacing holds only Slack: paging destinations go out at once. A reply waits for
 * the opening message's reference; a destination still failing after the delivery layer's retries
 * fails the invocation so Lambda retries it (DeliveryIncompleteError).
 */
import type { DeliveryFailure, EventRecord } from '../incidents/records';
import type { DestinationName, Incident, IncidentSummary } from '../types';
import { DeliveryIncompleteError } from './errors';
import type { LeasedEvent } from './event-lease';
import { finishEvent } from './event-lease';
import type { EventReport, InvocationContext } from './invocation';
import { METRICS } from './metric-names';
import type { Sent } from './record-result';
import { recordResult } from './record-result';
import { editParentPaced } from './parent-edit';
import type { DestinationRefs, ResponderDeps } from './ports';
import { sendContextFor, sendOutcomeOf } from './send-context';
import { paceSlack } from './slack-pacing';
import { parentNow } from './summary-step';

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

/** One destination: paced if it is Slack, sent, and its result recorded at once. */
async function deliverTo(
  deps: ResponderDeps,
  lease: LeasedEvent,
  summary: IncidentSummary,
  refs: DestinationRefs,
  destination: DestinationName,
  ctx: InvocationContext,
): Promise<Sent> {
  const record = lease.record;
  const outcome = sendOutcomeOf(record);
  let parent: IncidentSummary | undefined;
  if (destination === 'slack' && outcome === 'join') {
    return editParentPaced(deps, lease, summary, refs, ctx);
  }
  if (destination === 'slack') {
    await paceSlack(deps, ['slack'], ctx);
    if (outcome === 'reopen') parent = (await parentNow(deps, record.incidentKey!, record.incidentId!))?.parent;
  }
  const results = await deps.deliver(summary, refs, {
    deadline: ctx.deadline,
    only: [destination],
    context: (d) => sendContextFor(lease, d, parent),
  });
  return recordResult(deps, lease, destination, results, refs[destination]);
}

/** Delivers the summary, keeps what was delivered on the event record and reports it; throws while a destination is missing. */
export async function deliver(
  deps: ResponderDeps,
  incident: Incident,
  lease: LeasedEvent,
  summary: IncidentSummary,
  ctx: InvocationContext,
  /** Only these destinations (a maintenance window's choice). @default every configured one */
  allowed: readonly DestinationName[] = deps.destinations,
): Promise<EventReport> {
  const { log } = deps;
  const record = lease.record;
  const targets = allowed.filter((d) => !record.delivered.includes(d));
  // The first attempt of an opening has posted nothing yet: no read stands between it and the pages.
  const firstOpening = record.outcome === 'open' && record.attempts === 1 && record.delivered.length === 0;
  const found = targets.length === 0 || firstOpening ? {} : await refsFor(deps, record, targets, ctx);
  if (found === undefined) {
    log.warn('the incident of this event no longer exists; nothing to post', { incidentId: record.incidentId });
    await finishEvent(lease);
    return { alarmName: incident.alarmName, state: incident.state, outcome: 'ignored', incidentId: record.incidentId };
  }
  const refs: DestinationRefs = found;
  // The opening message's reference on the incident is the record of the open step: done there.
  const opened = record.outcome === 'open' ? targets.filter((d) => refs[d] !== undefined) : [];
  if (opened.length > 0) {
    await lease.save((current) => ({ delivered: [...new Set([...current.delivered, ...opened])] }));
  }
  const pending = targets.filter((d) => !opened.includes(d));
  const sendable = record.outcome === 'open' ? pending : pending.filter((d) => refs[d] !== undefined);
  const failures: DeliveryFailure[] = pending
    .filter((d) => !sendable.includes(d))
    .map((destination) => ({
      destination,
      reason: "the incident's opening message has not been delivered there yet",
      retries: 0,
    }));
  // Every destination finishes (or fails) before the invocation ends: work left running after a
  // store error would be frozen with the container and race the retry.
  const settled = await Promise.allSettled(sendable.map((d) => deliverTo(deps, lease, summary, refs, d, ctx)));
  const thrown = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (thrown !== undefined) throw thrown.reason;
  for (const s of settled) if (s.status === 'fulfilled' && !s.value.ok) failures.push(s.value.failure);
  // Every failure counts once, here: one not sent, one refused, one the delivery layer had no result for.
  for (const failure of failures) deps.metrics.count(METRICS.destinationFailures, { destination: failure.destination });
  lease.stop();
  const saved = await lease.save({ failures, status: failures.length > 0 ? 'failed' : 'done', leaseUntil: 0 });
  const report: EventReport = {
    alarmName: incident.alarmName,
    state: incident.state,
    outcome: saved.outcome!,
    incidentId: saved.incidentId,
    delivered: deps.destinations.filter((d) => saved.delivered.includes(d)),
    failed: failures.map((f) => f.destination),
  };
  if (failures.length > 0) {
    log.error('some destinations did not get the message; the invocation fails so Lambda retries them', {
      ...report,
      failures,
      attempt: saved.attempts,
    });
    throw new DeliveryIncompleteError(incident.alarmName, failures);
  }
  log.info('summary delivered', { ...report, attempt: saved.attempts });
  return report;
}
