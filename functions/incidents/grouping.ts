/**
 * Incidents, not alarms: the pure decisions of how one alarm state change changes the incident of
 * its API stage. The caller reads the record, decides here, and writes conditionally (retrying on
 * a lost race), so concurrent invocations converge on one incident.
 */
import type { Incident } from '../types';
import { staleReason, withSeen } from './alarm-history';
import { alarmEntry, announcedKey, laterOf, upsertAlarm } from './incident-alarms';
import { apiAccount, eventKeyOf, incidentIdOf, incidentKeyOf } from './incident-keys';
import type { IncidentAlarm, IncidentRecord } from './records';

export { staleReason } from './alarm-history';
export { alarmLabelOf, announcedKey } from './incident-alarms';
export { eventKeyOf, incidentIdOf, incidentKeyOf } from './incident-keys';
export type { ClaimDecision } from './opening-claim';
export { claimOpening } from './opening-claim';
export { mergeRefs } from './merge-refs';

export interface GroupingSettings {
  /** A resolved incident re-opens when one of its API's alarms fires again within this time. */
  readonly groupingWindowMs: number;
  /** An open incident with no state change for this long is considered abandoned (a lost OK). @default 24 h */
  readonly openIdleMaxMs: number;
  /** A collecting incident whose opener has not claimed it within this time is taken over. @default 15 min */
  readonly collectingStaleMs: number;
}

export const DEFAULT_OPEN_IDLE_MAX_MS = 24 * 60 * 60_000;
/** Longer than the Lambda's maximum run time: an opener still collecting after this is dead. */
export const DEFAULT_COLLECTING_STALE_MS = 15 * 60_000;

function isJoinable(current: IncidentRecord, alarmAtMs: number, settings: GroupingSettings): boolean {
  if (current.tombstone === true) return false;
  if (current.status === 'open') return alarmAtMs - Date.parse(current.lastEventAt) <= settings.openIdleMaxMs;
  if (current.resolvedAt === undefined) return false;
  // Within the window after the resolution, or before the opening (a late delivery of an alarm
  // that fired around the incident belongs to it, not to a second thread).
  const sinceResolved = alarmAtMs - Date.parse(current.resolvedAt);
  const beforeOpened = Date.parse(current.openedAt) - alarmAtMs;
  return sinceResolved <= settings.groupingWindowMs && beforeOpened <= settings.groupingWindowMs;
}

export interface AlarmDecision {
  readonly outcome: 'open' | 'join' | 'reopen' | 'absorbed' | 'stale';
  /** The record to write; undefined when this event was already applied (a retry). */
  readonly next: IncidentRecord | undefined;
  readonly record: IncidentRecord | undefined;
  readonly why?: string;
}

/** A retry of an ALARM already applied to the open incident: the outcome it had. */
function appliedOutcome(current: IncidentRecord, entry: IncidentAlarm, eventKey: string): AlarmDecision['outcome'] {
  if (current.openerEventKey === eventKey) return 'open';
  if (current.reopenedBy === eventKey) return 'reopen';
  return current.phase === 'collecting' || current.announced.includes(announcedKey(entry)) ? 'absorbed' : 'join';
}

/**
 * An ALARM: open a new incident, join the current one, re-open it after a recent resolution, or
 * (older than a known state change of its alarm) recognise it as stale.
 */
export function applyAlarm(
  current: IncidentRecord | undefined,
  incident: Incident,
  eventKey: string,
  nowMs: number,
  settings: GroupingSettings,
): AlarmDecision {
  const entry = alarmEntry(incident);
  const atMs = Date.parse(incident.stateChangeTime);
  const stale = staleReason(current, incident);
  if (stale !== undefined) return { outcome: 'stale', next: undefined, record: current, why: stale };
  if (current !== undefined && isJoinable(current, atMs, settings)) {
    const applied = current.alarms.some((a) => a.arn === entry.arn && a.at === entry.at && a.state === 'ALARM');
    if (applied && current.status === 'open') {
      return { outcome: appliedOutcome(current, entry, eventKey), next: undefined, record: current };
    }
    const staleOpener = current.phase === 'collecting' && nowMs - current.claimedAtMs > settings.collectingStaleMs;
    const reopening = current.status === 'resolved';
    const base: IncidentRecord = {
      ...current,
      status: 'open',
      alarms: upsertAlarm(current.alarms, entry),
      seen: withSeen(current, entry),
      lastEventAt: laterOf(current.lastEventAt, entry.at),
      ...(reopening ? { reopenedBy: eventKey } : {}),
      version: current.version + 1,
    };
    delete (base as { resolvedAt?: string }).resolvedAt;
    if (staleOpener) {
      const next = { ...base, openerEventKey: eventKey, claimedAtMs: nowMs };
      return { outcome: 'open', next, record: next };
    }
    const outcome = current.phase === 'collecting' ? 'absorbed' : reopening ? 'reopen' : 'join';
    return { outcome, next: base, record: base };
  }
  const next: IncidentRecord = {
    key: incidentKeyOf(incident),
    incidentId: incidentIdOf(incident, eventKey),
    api: incident.api,
    region: incident.region,
    accountId: apiAccount(incident),
    status: 'open',
    phase: 'collecting',
    openerEventKey: eventKey,
    openedAt: incident.stateChangeTime,
    claimedAtMs: nowMs,
    lastEventAt: incident.stateChangeTime,
    alarms: [entry],
    seen: withSeen(current, entry),
    announced: [],
    refs: {},
    version: (current?.version ?? 0) + 1,
  };
  return { outcome: 'open', next, record: next };
}

export interface OkDecision {
  readonly outcome: 'resolved' | 'ignored' | 'stale';
  readonly next: IncidentRecord | undefined;
  readonly record: IncidentRecord | undefined;
  /** Why nothing is posted, for the log. */
  readonly why?: string;
  readonly durationMinutes?: number;
}

/** Whole minutes from the incident's first ALARM to its OK. */
export function durationMinutes(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}

/** Nothing to resolve: the OK is remembered (a tombstone when there is no record) so an older ALARM is not posted. */
function remembered(
  current: IncidentRecord | undefined,
  incident: Incident,
  why: string,
  outcome: 'ignored' | 'stale' = 'ignored',
): OkDecision {
  const entry = alarmEntry(incident);
  const seen = withSeen(current, entry);
  if (current === undefined) {
    const tombstone: IncidentRecord = {
      key: incidentKeyOf(incident),
      incidentId: incidentIdOf(incident, eventKeyOf(incident)),
      api: incident.api,
      region: incident.region,
      accountId: apiAccount(incident),
      status: 'resolved',
      phase: 'announced',
      openerEventKey: '',
      openedAt: entry.at,
      claimedAtMs: 0,
      lastEventAt: entry.at,
      resolvedAt: entry.at,
      alarms: [],
      seen,
      tombstone: true,
      announced: [],
      refs: {},
      version: 1,
    };
    return { outcome, next: tombstone, record: undefined, why };
  }
  const next = seen === current.seen ? undefined : { ...current, seen, version: current.version + 1 };
  return { outcome, next, record: current, why };
}

/** An OK: resolve the incident when its last firing alarm clears; otherwise remember it and post nothing. */
export function applyOk(current: IncidentRecord | undefined, incident: Incident): OkDecision {
  const entry = alarmEntry(incident);
  const existing = current?.alarms.find((a) => a.arn === entry.arn);
  if (current === undefined || current.tombstone === true) {
    return remembered(current, incident, 'no incident for this API stage: kept as a tombstone');
  }
  if (current.status === 'resolved') {
    if (current.resolvedAt === entry.at && existing?.state === 'OK' && existing.at === entry.at) {
      // This OK resolved it already (a retry).
      return {
        outcome: 'resolved',
        next: undefined,
        record: current,
        durationMinutes: durationMinutes(current.openedAt, entry.at),
      };
    }
    return remembered(current, incident, 'the incident is already resolved');
  }
  if (existing === undefined) return remembered(current, incident, 'this alarm is not part of the open incident');
  const stale = staleReason(current, incident);
  if (existing.state === 'OK' || stale !== undefined) {
    return remembered(current, incident, stale ?? 'the alarm already changed state after this OK', 'stale');
  }
  const alarms = upsertAlarm(current.alarms, entry);
  const seen = withSeen(current, entry);
  const stillFiring = alarms.filter((a) => a.state === 'ALARM');
  if (stillFiring.length > 0) {
    const next: IncidentRecord = {
      ...current,
      alarms,
      seen,
      lastEventAt: laterOf(current.lastEventAt, entry.at),
      version: current.version + 1,
    };
    return {
      outcome: 'ignored',
      next,
      record: next,
      why: `still firing: ${stillFiring.map((a) => a.label).join(', ')}`,
    };
  }
  const next: IncidentRecord = {
    ...current,
    alarms,
    seen,
    status: 'resolved',
    resolvedAt: entry.at,
    lastEventAt: laterOf(current.lastEventAt, entry.at),
    version: current.version + 1,
  };
  return { outcome: 'resolved', next, record: next, durationMinutes: durationMinutes(current.openedAt, entry.at) };
}
