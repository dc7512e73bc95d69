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
 * leased by one invocation at a time (a short lease, renewed while working; a busy event fails the
 * invocation so Lambda retries it), keeps the summary of the first attempt, the destinations
 * already delivered and the steps done at each, each recorded as soon as it happens. Every send
 * carries the event key (Slack metadata, webhook idempotency key, Jira comment marker) and a
 * resumed send looks for its message before posting, so a store outage between a send and its
 * record costs a lookup, not a second message. Each record of an event is handled on its own: one
 * the store rejects for good is acknowledged with its reason; only passing errors fail the
 * invocation, after the other records are handled.
 */
import { ReadRoleFailure } from '../cross-account/read-role-sessions';
import type { AlarmEventError } from '../events/errors';
import { parseAlarmEvents } from '../events/parse-event';
import { eventKeyOf } from '../incidents/grouping';
import { incidentKeyOf } from '../incidents/incident-keys';
import type { ProvenanceAccepted, ProvenanceRetry, ProvenanceVerdict } from '../provenance/gate';
import type { ProvenanceRejection } from '../provenance/reasons';
import type { Incident } from '../types';
import { deliver } from './delivery-step';
import { DeliveryIncompleteError, errorText, EventBusyError, LeaseLostError } from './errors';
import type { LeasedEvent } from './event-lease';
import { acquireEvent, finishEvent } from './event-lease';
import { recordGrouping } from './incident-updates';
import { maintenanceHold } from './maintenance-step';
import type { EventReport, InvocationContext } from './invocation';
import { countReadRoleFailure, METRICS } from './metric-names';
import { applyMute } from './mute-step';
import type { ResponderDeps } from './ports';
import { isPermanentRecordError, sanitizeIncident } from './sanitize-record';
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

  /** A notification that is well formed but not trusted: logged with why, counted, nothing else. */
  function distrust(incident: Incident, rejection: ProvenanceRejection): EventReport {
    log.warn('event rejected: not a genuine, current notification of a watched alarm', {
      reason: rejection.reason,
      detail: rejection.detail,
      alarmName: incident.alarmName,
      alarmArn: incident.alarmArn,
      state: incident.state,
      stateChangeTime: incident.stateChangeTime,
      accountId: incident.accountId,
      region: incident.region,
      api: incident.api,
      source: incident.source,
    });
    metrics.count(METRICS.untrustedEvents);
    metrics.count(METRICS.rejectedEvents, { reason: rejection.reason });
    return { outcome: 'rejected', reason: rejection.reason, alarmName: incident.alarmName, state: incident.state };
  }

  /** A record the gate could not decide for now: logged (a read role's failure already was); the invocation fails after the others. */
  function retryUnverified(verdict: ProvenanceRetry): Error {
    if (verdict.error instanceof ReadRoleFailure) return verdict.error;
    log.warn('alarm state could not be read in CloudWatch for now: the invocation fails so Lambda retries it', {
      alarmName: verdict.incident.alarmName,
      accountId: verdict.incident.accountId,
      error: errorText(verdict.error),
    });
    return verdict.error;
  }

  /** Another account's alarm accepted on its claims only: logged and, when a read role failed, counted. */
  function noteUnverified({ incident, unverified }: ProvenanceAccepted): void {
    if (unverified === undefined || unverified.kind === 'no-role') return;
    log.warn('alarm state not verified in CloudWatch: acted on its checked claims', {
      alarmName: incident.alarmName,
      state: incident.state,
      accountId: unverified.account,
      kind: unverified.kind,
      reason: unverified.reason,
    });
    if (unverified.kind === 'alarm-read-denied') countReadRoleFailure(metrics, unverified.account, unverified.kind);
  }

  /** Every parsed incident through the provenance gate at once (one CloudWatch read per batch). */
  async function checkProvenance(incidents: readonly Incident[]): Promise<ProvenanceVerdict[]> {
    if (deps.provenance === undefined)
      return incidents.map((incident) => ({ ok: true, incident, verification: 'claims-only' }));
    return deps.provenance.check(incidents);
  }

  async function handleLeased(incident: Incident, lease: LeasedEvent, ctx: InvocationContext): Promise<EventReport> {
    const base = { alarmName: incident.alarmName, state: incident.state };
    let record = lease.record;
    if (record.attempts > 1) {
      log.info('resuming an event after an earlier attempt', {
        ...base,
        attempt: record.attempts,
        delivered: record.delivered,
        steps: record.steps,
        previousFailures: record.failures,
      });
    }
    // A retried event keeps the outcome and summary of its first attempt: each is decided once.
    if (record.outcome === undefined) record = await recordGrouping(deps, lease, incident, record.key);
    const nothingToSend =
      record.outcome === 'ignored' ||
      record.outcome === 'absorbed' ||
      record.outcome === 'stale' ||
      record.outcome === 'muted';
    if (nothingToSend || record.incidentId === undefined) {
      if (record.outcome === 'absorbed') {
        log.info('alarm folded into the incident being opened', { ...base, incidentId: record.incidentId });
      }
      await finishEvent(lease);
      return { ...base, outcome: record.outcome ?? 'ignored', incidentId: record.incidentId };
    }
    const muted = await applyMute(deps, incident, lease);
    if (muted !== undefined) return muted;
    if (record.summary === undefined) {
      const built = await summarise(deps, incident, record, ctx);
      record = await lease.save({ outcome: built.outcome, ...(built.summary ? { summary: built.summary } : {}) });
      if (built.summary === undefined) {
        await finishEvent(lease);
        return { ...base, outcome: built.outcome, incidentId: record.incidentId };
      }
    }
    const hold = await maintenanceHold(deps, incident, record);
    if (hold !== undefined && hold.destinations.length === 0) {
      await finishEvent(lease);
      const reason = `maintenance window "${hold.window.name}" (${hold.window.mode}): recorded, not posted`;
      return { ...base, outcome: record.outcome ?? 'ignored', incidentId: record.incidentId, delivered: [], reason };
    }
    return deliver(deps, incident, lease, record.summary!, ctx, hold?.destinations);
  }

  /**
   * `firstAcquired` runs once per event, on the attempt that first leases it (not for a duplicate
   * delivery, not on a retry): what it logs and counts is then per event, not per delivery.
   */
  async function handleIncident(
    parsed: Incident,
    ctx: InvocationContext,
    firstAcquired?: () => void,
  ): Promise<EventReport> {
    const sanitized = sanitizeIncident(parsed);
    const incident = sanitized.incident;
    const base = { alarmName: incident.alarmName, state: incident.state };
    if (sanitized.changed.length > 0) {
      log.warn('notification fields the store cannot hold were made well-formed and cut to size', {
        ...base,
        fields: sanitized.changed,
      });
    }
    if (incident.state === 'INSUFFICIENT_DATA') {
      log.info('INSUFFICIENT_DATA: logged, nothing posted', { ...base, api: incident.api });
      return { ...base, outcome: 'ignored' };
    }
    const eventKey = eventKeyOf(incident);
    const acquired = await acquireEvent(deps, incident, eventKey);
    if (acquired.kind === 'duplicate') {
      metrics.count(METRICS.duplicateEvents);
      log.info('duplicate delivery of a handled event: nothing sent again', {
        ...base,
        eventKey,
        incidentId: acquired.record.incidentId,
      });
      return { ...base, outcome: 'duplicate', incidentId: acquired.record.incidentId };
    }
    const { lease } = acquired;
    if (lease.record.attempts === 1) firstAcquired?.();
    lease.keepAlive();
    try {
      return await handleLeased(incident, lease, ctx);
    } finally {
      lease.stop();
    }
  }

  /** A record the store rejects for good: acknowledged with its reason, counted, the others handled. */
  function rejectRecord(incident: Incident, error: Error): EventReport {
    const reason = `store-rejected: ${error.name}`;
    log.error('record rejected by the store for good: acknowledged, the records beside it are handled', {
      alarmName: incident.alarmName,
      state: incident.state,
      error: errorText(error),
    });
    metrics.count(METRICS.rejectedRecords, { reason: error.name });
    return { alarmName: incident.alarmName, state: incident.state, outcome: 'rejected', reason };
  }

  /**
   * One Lambda event: every notification in it handled on its own. Rejected ones (unreadable, or
   * refused for good by the store) are logged, counted and acknowledged; the others handled. When
   * some record failed transiently (a destination still missing, an event busy in another
   * invocation, a store outage), the invocation throws after handling all of them, so Lambda
   * retries: the records already done are then duplicates.
   */
  async function handleEvent(event: unknown, ctx: InvocationContext): Promise<EventReport[]> {
    const reports: EventReport[] = [];
    let transient: Error | undefined;
    /** API stages (incident keys) with a record retried in this event: their later records wait too. */
    const deferred = new Set<string>();
    const parsedEvents = parseAlarmEvents(event);
    // Before the lease and any AWS call of the lifecycle: which notifications are genuine.
    const verdicts = await checkProvenance(parsedEvents.flatMap((parsed) => (parsed.ok ? [parsed.incident] : [])));
    let next = 0;
    for (const parsed of parsedEvents) {
      if (!parsed.ok) {
        reports.push(reject(parsed.error));
        continue;
      }
      const verdict = verdicts[next++]!;
      if (verdict.ok === false) {
        reports.push(distrust(parsed.incident, verdict));
        continue;
      }
      if (verdict.ok === 'retry') {
        // CloudWatch (or the read role to it) could not be read for now: nothing decided, retried.
        transient ??= retryUnverified(verdict);
        deferred.add(incidentKeyOf(verdict.incident));
        continue;
      }
      if (deferred.has(incidentKeyOf(verdict.incident))) {
        // An earlier record of the same API stage waits for its retry: handling this one now would
        // reorder them (an OK before its ALARM makes the ALARM stale). Retried with it, in order.
        log.info('deferred behind an earlier record of the same API stage that is retried', {
          alarmName: verdict.incident.alarmName,
          state: verdict.incident.state,
        });
        continue;
      }
      try {
        reports.push(await handleIncident(verdict.incident, ctx, () => noteUnverified(verdict)));
      } catch (error) {
        if (error instanceof LeaseLostError) {
          // A takeover, or our own write applied while its answer was lost: both look the same here.
          // Failing the invocation is safe either way (a retry of a finished event is a duplicate);
          // acknowledging it would lose the event in the second case.
          log.warn(
            'lost the event lease (taken over, or a write whose answer was lost): the invocation fails so Lambda retries it',
            {
              error: error.message,
            },
          );
          transient ??= error;
          continue;
        }
        if (isPermanentRecordError(error)) {
          reports.push(rejectRecord(parsed.incident, error as Error));
          continue;
        }
        if (!(error instanceof DeliveryIncompleteError) && !(error instanceof EventBusyError)) {
          log.error('record failed on a passing error: the invocation fails so Lambda retries it', {
            alarmName: parsed.incident.alarmName,
            error: errorText(error),
          });
        }
        transient ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    if (transient !== undefined) throw transient;
    return reports;
  }

  return { handleEvent, handleIncident };
}

export type Responder = ReturnType<typeof createResponder>;
