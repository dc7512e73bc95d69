/**
 * The orchestration, free of Lambda and AWS: parse → dedupe → group → diagnose → classify →
 * remediate → summarise → notify → record. Every step that talks to the outside world is a port
 * (see ports.ts).
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
import type { AlarmDecision, ClaimDecision, OkDecision } from '../incidents/grouping';
import {
  applyAlarm,
  applyOk,
  claimOpening,
  durationMinutes,
  eventKeyOf,
  incidentKeyOf,
  mergeRefs,
} from '../incidents/grouping';
import type { DeliveryFailure, EventOutcome, EventRecord, IncidentRecord } from '../incidents/records';
import type { Classification, DestinationName, Diagnosis, Incident, IncidentSummary, Remediation } from '../types';
import { DeliveryIncompleteError, LeaseLostError, ResponderError } from './errors';
import { METRICS } from './metric-names';
import type { DestinationRefs, ResponderDeps } from './ports';

/** Optimistic-concurrency attempts before giving up (and letting Lambda retry). */
const MAX_WRITE_ATTEMPTS = 8;

export interface InvocationContext {
  /** Epoch ms by which the invocation must have returned (Lambda deadline minus a reserve). */
  readonly deadline: number;
}

export interface EventReport {
  readonly alarmName?: string;
  readonly state?: string;
  readonly outcome: EventOutcome | 'rejected' | 'duplicate' | 'busy';
  readonly incidentId?: string;
  readonly delivered?: readonly DestinationName[];
  readonly failed?: readonly DestinationName[];
  readonly reason?: string;
}

type Acquired =
  | { readonly kind: 'acquired'; readonly record: EventRecord }
  | { readonly kind: 'duplicate'; readonly record: EventRecord }
  | { readonly kind: 'busy'; readonly record: EventRecord };

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function createResponder(deps: ResponderDeps) {
  const { store, log, metrics, settings } = deps;

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

  async function acquireEvent(incident: Incident, key: string, ctx: InvocationContext): Promise<Acquired> {
    const leaseUntil = ctx.deadline + settings.recordReserveMs;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const existing = await store.getEvent(key);
      const now = deps.now();
      if (existing === undefined) {
        const record: EventRecord = {
          key,
          alarmArn: incident.alarmArn,
          alarmName: incident.alarmName,
          stateChangeTime: incident.stateChangeTime,
          state: incident.state,
          status: 'in-progress',
          leaseUntil,
          attempts: 1,
          delivered: [],
          failures: [],
          updatedAt: new Date(now).toISOString(),
          version: 1,
        };
        if (await store.putEvent(record)) return { kind: 'acquired', record };
        continue;
      }
      if (existing.status === 'done') return { kind: 'duplicate', record: existing };
      if (existing.status === 'in-progress' && existing.leaseUntil > now) return { kind: 'busy', record: existing };
      const record: EventRecord = {
        ...existing,
        status: 'in-progress',
        leaseUntil,
        attempts: existing.attempts + 1,
        updatedAt: new Date(now).toISOString(),
        version: existing.version + 1,
      };
      if (await store.putEvent(record)) return { kind: 'acquired', record };
    }
    throw new ResponderError(`event record ${key}: too much contention`);
  }

  async function saveEvent(record: EventRecord, patch: Partial<EventRecord>): Promise<EventRecord> {
    const next: EventRecord = {
      ...record,
      ...patch,
      updatedAt: new Date(deps.now()).toISOString(),
      version: record.version + 1,
    };
    if (!(await store.putEvent(next))) throw new LeaseLostError(`event record ${record.key} was taken over`);
    return next;
  }

  /** Read, decide, write conditionally; again on a lost race. */
  async function updateIncident<D extends { next: IncidentRecord | undefined }>(
    key: string,
    decide: (current: IncidentRecord | undefined) => D,
  ): Promise<D> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const decision = decide(await store.getIncident(key));
      if (decision.next === undefined || (await store.putIncident(decision.next))) return decision;
    }
    throw new ResponderError(`incident record ${key}: too much contention`);
  }

  async function decide(
    incident: Incident,
    eventKey: string,
  ): Promise<{ outcome: EventOutcome; record?: IncidentRecord }> {
    const key = incidentKeyOf(incident);
    if (incident.state === 'ALARM') {
      const decision = await updateIncident<AlarmDecision>(key, (current) =>
        applyAlarm(current, incident, eventKey, deps.now(), settings),
      );
      return { outcome: decision.outcome, record: decision.record };
    }
    const decision = await updateIncident<OkDecision>(key, (current) => applyOk(current, incident));
    if (decision.outcome === 'ignored') {
      log.info('OK with nothing to resolve: logged and ignored', { why: decision.why, alarmName: incident.alarmName });
    }
    return { outcome: decision.outcome, record: decision.record };
  }

  /** A diagnosis that overran its deadline: every probe counts as unfinished, the summary says so. */
  function overrun(incident: Incident, started: number): Diagnosis {
    const durationMs = deps.now() - started;
    return {
      incident,
      findings: [],
      probes: deps.probes.map((probe) => ({ probe, status: 'timed-out', durationMs, awsCalls: [] })),
      startedAt: new Date(started).toISOString(),
      durationMs,
      cutShort: true,
    };
  }

  async function diagnoseSafely(incident: Incident, deadline: number) {
    const started = deps.now();
    let diagnosis: Diagnosis | undefined;
    let timer: NodeJS.Timeout | undefined;
    // The engine keeps its own deadline; this bounds an engine that does not, so a slow probe never costs the summary.
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), Math.max(0, deadline - started) + settings.diagnosisGraceMs);
    });
    try {
      const result = await Promise.race([deps.diagnose(incident, { deadline }), late]);
      if (result === 'late') {
        log.error('diagnosis overran its deadline; the summary goes out without it', { deadline });
        diagnosis = overrun(incident, started);
      } else {
        diagnosis = result;
      }
    } catch (error) {
      log.error('diagnosis failed; the summary goes out without it', { error: errorText(error) });
    } finally {
      clearTimeout(timer);
    }
    metrics.milliseconds(METRICS.diagnosisDuration, diagnosis?.durationMs ?? deps.now() - started);
    if (diagnosis?.cutShort) {
      const unfinished = diagnosis.probes.filter((p) => p.status === 'timed-out').map((p) => p.probe);
      log.warn('diagnosis cut short by the deadline', { unfinished });
    }
    let classification: Classification | undefined;
    let remediation: Remediation | undefined;
    if (diagnosis !== undefined) {
      try {
        classification = await deps.classify(diagnosis);
        // The diagnosed incident: a REST API watched by name now carries its resolved id.
        remediation = await deps.remediate(diagnosis.incident, classification, diagnosis);
      } catch (error) {
        log.error('classification or remediation failed; the summary goes out without it', { error: errorText(error) });
      }
    }
    if (classification !== undefined) metrics.count(METRICS.incidentsByClass, { class: classification.class });
    return { diagnosis, classification, remediation };
  }

  /** Builds the summary of an event; the outcome may change when another opener took over. */
  async function summarise(
    incident: Incident,
    record: EventRecord,
    ctx: InvocationContext,
  ): Promise<{ outcome: EventOutcome; summary?: IncidentSummary }> {
    const key = record.incidentKey!;
    const incidentId = record.incidentId!;
    let outcome = record.outcome!;
    if (outcome === 'open') {
      const found = await diagnoseSafely(incident, ctx.deadline - settings.notifyReserveMs);
      const claim = await updateIncident<ClaimDecision & { next: IncidentRecord | undefined }>(key, (current) => {
        if (current === undefined || current.incidentId !== incidentId) {
          return { kind: 'lost', outcome: 'update', next: undefined };
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
    if (outcome === 'update') {
      const alsoFiring = [
        ...new Set(
          (current?.alarms ?? []).filter((a) => a.state === 'ALARM' && a.arn !== incident.alarmArn).map((a) => a.label),
        ),
      ];
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
   * Where the incident was posted. A reply needs the opening message's reference (thread ts, issue
   * key); while the opener is still delivering, wait for it a little.
   */
  async function refsFor(record: EventRecord, targets: readonly DestinationName[], ctx: InvocationContext) {
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

  /** Slack takes about one message per second per channel: take the next slot of the channel. */
  async function pace(only: readonly DestinationName[], ctx: InvocationContext): Promise<void> {
    if (!only.includes('slack') || settings.slackIntervalMs <= 0) return;
    const now = deps.now();
    const slot = await store.reserveSlot(`slack#${settings.slackChannel}`, now, settings.slackIntervalMs);
    const wait = Math.min(slot - now, ctx.deadline - settings.notifyReserveMs / 2 - now);
    if (wait > 0) {
      log.debug('pacing Slack', { waitMs: wait });
      await deps.sleep(wait);
    }
  }

  async function recordRefs(record: EventRecord, refs: DestinationRefs): Promise<void> {
    if (Object.keys(refs).length === 0) return;
    await updateIncident(record.incidentKey!, (current) => ({
      next: current === undefined || current.incidentId !== record.incidentId ? undefined : mergeRefs(current, refs),
    }));
  }

  async function deliver(
    incident: Incident,
    initial: EventRecord,
    summary: IncidentSummary,
    ctx: InvocationContext,
  ): Promise<EventReport> {
    let record = initial;
    const targets = deps.destinations.filter((d) => !record.delivered.includes(d));
    const found = targets.length === 0 ? {} : await refsFor(record, targets, ctx);
    if (found === undefined) {
      log.warn('the incident of this event no longer exists; nothing to post', { incidentId: record.incidentId });
      await saveEvent(record, { status: 'done', leaseUntil: 0 });
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
      await pace(sendable, ctx);
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
    if (record.outcome === 'open') await recordRefs(record, newRefs);
    for (const failure of failures) metrics.count(METRICS.destinationFailures, { destination: failure.destination });
    record = await saveEvent(record, {
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

  async function handleIncident(incident: Incident, ctx: InvocationContext): Promise<EventReport> {
    const base = { alarmName: incident.alarmName, state: incident.state };
    if (incident.state === 'INSUFFICIENT_DATA') {
      log.info('INSUFFICIENT_DATA: logged, nothing posted', { ...base, api: incident.api });
      return { ...base, outcome: 'ignored' };
    }
    const eventKey = eventKeyOf(incident);
    const acquired = await acquireEvent(incident, eventKey, ctx);
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
    if (record.outcome === undefined) {
      const decided = await decide(incident, eventKey);
      record = await saveEvent(record, {
        outcome: decided.outcome,
        incidentKey: incidentKeyOf(incident),
        ...(decided.record === undefined ? {} : { incidentId: decided.record.incidentId }),
      });
      if (decided.outcome === 'open') metrics.count(METRICS.incidentsOpened);
      if (decided.outcome === 'update' || decided.outcome === 'absorbed') metrics.count(METRICS.alarmsGrouped);
      if (decided.outcome === 'resolved') metrics.count(METRICS.incidentsResolved);
    }
    if (record.outcome === 'ignored' || record.outcome === 'absorbed' || record.incidentId === undefined) {
      if (record.outcome === 'absorbed') {
        log.info('alarm folded into the incident being opened', { ...base, incidentId: record.incidentId });
      }
      await saveEvent(record, { status: 'done', leaseUntil: 0 });
      return { ...base, outcome: record.outcome ?? 'ignored', incidentId: record.incidentId };
    }
    if (record.summary === undefined) {
      const built = await summarise(incident, record, ctx);
      record = await saveEvent(record, {
        outcome: built.outcome,
        ...(built.summary ? { summary: built.summary } : {}),
      });
      if (built.summary === undefined) {
        await saveEvent(record, { status: 'done', leaseUntil: 0 });
        return { ...base, outcome: built.outcome, incidentId: record.incidentId };
      }
    }
    return deliver(incident, record, record.summary!, ctx);
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
