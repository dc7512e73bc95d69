/**
 * The orchestration, free of Lambda and AWS: parse → dedupe → group → diagnose → classify →
 * remediate → summarise → notify → record. Every step that talks to the outside world is a port
 * (see ports.ts); each step lives in its own file and gets the deps passed in:
 *   event-lease.ts       dedupe: the event record as a lease (idempotency)
 *   incident-updates.ts  group: the incident record the event belongs to
 *   summary-step.ts      the summary, with diagnosis-step.ts for opening alarms
 *   delivery-step.ts     notify and record, paced by slack-pacing.ts
 *
 * Exactly once per destination: the event record (alarm ARN + state-change time + state) is
 * leased by one invocation at a time, keeps the summary of the first attempt and the destinations
 * already delivered. A redelivery of a finished event is dropped; a retry re-sends the stored
 * summary to the destinations still missing only. When some destination still fails after the
 * delivery layer's own retries, the invocation throws DeliveryIncompleteError so Lambda retries it,
 * and after the last retry the event goes to the dead-letter queue.
 */
import type { AlarmEventError } from '../events/errors';
import { parseAlarmEvents } from '../events/parse-event';
import { eventKeyOf } from '../incidents/grouping';
import type { Incident } from '../types';
import { deliver } from './delivery-step';
import { DeliveryIncompleteError, LeaseLostError } from './errors';
import { acquireEvent, finishEvent, saveEvent } from './event-lease';
import { recordGrouping } from './incident-updates';
import type { EventReport, InvocationContext } from './invocation';
import { METRICS } from './metric-names';
import { applyMute } from './mute-step';
import type { ResponderDeps } from './ports';
import { summarise } from './summary-step';

export type { EventReport, InvocationContext } from './invocation';

export function createResponder(deps: ResponderDeps) {
  const { log, metrics } = deps;

  function reject(error: AlarmEventError): EventReport {
    log.warn('event rejected: not an API Gateway alarm notification the responder can act on', {
      reason: error.reason,
      detail: error.message,
      ...error.identifiers,
    });
    metrics.count(METRICS.malformedEvents);
    metrics.count(METRICS.rejectedEvents, { reason: error.reason });
    return { outcome: 'rejected', reason: error.reason, alarmName: error.identifiers.alarmName };
  }

  async function handleIncident(incident: Incident, ctx: InvocationContext): Promise<EventReport> {
    const base = { alarmName: incident.alarmName, state: incident.state };
    if (incident.state === 'INSUFFICIENT_DATA') {
      log.info('INSUFFICIENT_DATA: logged, nothing posted', { ...base, api: incident.api });
      return { ...base, outcome: 'ignored' };
    }
    const eventKey = eventKeyOf(incident);
    const acquired = await acquireEvent(deps, incident, eventKey, ctx);
    if (acquired.kind !== 'acquired') {
      if (acquired.kind === 'duplicate') metrics.count(METRICS.duplicateEvents);
      log.info(
        acquired.kind === 'duplicate'
          ? 'duplicate delivery of a handled event: nothing sent again'
          : 'event is being handled by a concurrent invocation: left to it',
        { ...base, eventKey, incidentId: acquired.record.incidentId },
      );
      return { ...base, outcome: acquired.kind, incidentId: acquired.record.incidentId };
    }
    let record = acquired.record;
    if (record.attempts > 1) {
      log.info('resuming an event after an earlier attempt', {
        ...base,
        attempt: record.attempts,
        delivered: record.delivered,
        previousFailures: record.failures,
      });
    }
    // A retried event keeps the outcome and summary of its first attempt: each is decided once.
    if (record.outcome === undefined) record = await recordGrouping(deps, record, incident, eventKey);
    if (
      record.outcome === 'ignored' ||
      record.outcome === 'absorbed' ||
      record.outcome === 'muted' ||
      record.incidentId === undefined
    ) {
      if (record.outcome === 'absorbed') {
        log.info('alarm folded into the incident being opened', { ...base, incidentId: record.incidentId });
      }
      await finishEvent(deps, record);
      return { ...base, outcome: record.outcome ?? 'ignored', incidentId: record.incidentId };
    }
    const muted = await applyMute(deps, incident, record);
    if (muted !== undefined) return muted;
    if (record.summary === undefined) {
      const built = await summarise(deps, incident, record, ctx);
      record = await saveEvent(deps, record, {
        outcome: built.outcome,
        ...(built.summary ? { summary: built.summary } : {}),
      });
      if (built.summary === undefined) {
        await finishEvent(deps, record);
        return { ...base, outcome: built.outcome, incidentId: record.incidentId };
      }
    }
    return deliver(deps, incident, record, record.summary!, ctx);
  }

  /**
   * One Lambda event: every notification in it parsed; rejected ones logged, counted and
   * acknowledged; the others handled. Throws DeliveryIncompleteError (after handling all of them)
   * when some destination is still missing a message, and any store error as is: both make
   * Lambda retry.
   */
  async function handleEvent(event: unknown, ctx: InvocationContext): Promise<EventReport[]> {
    const reports: EventReport[] = [];
    let incomplete: DeliveryIncompleteError | undefined;
    for (const parsed of parseAlarmEvents(event)) {
      if (!parsed.ok) {
        reports.push(reject(parsed.error));
        continue;
      }
      try {
        reports.push(await handleIncident(parsed.incident, ctx));
      } catch (error) {
        if (error instanceof DeliveryIncompleteError) {
          incomplete ??= error;
          continue;
        }
        if (error instanceof LeaseLostError) {
          log.warn('another invocation took this event over; leaving it to that one', { error: error.message });
          continue;
        }
        throw error;
      }
    }
    if (incomplete !== undefined) throw incomplete;
    return reports;
  }

  return { handleEvent, handleIncident };
}

export type Responder = ReturnType<typeof createResponder>;
