/**
 * Incidents, not alarms: the pure decisions of how one alarm state change changes the incident of
 * its API stage. The caller reads the record, decides here, and writes conditionally (retrying on
 * a lost race), so concurrent invocations converge on one incident.
 */
import { createHash } from 'node:crypto';
import { parseAlarmName } from '../../lib/alarms/alarm-name';
import type { DestinationName, DestinationRef, Incident } from '../types';
import type { IncidentAlarm, IncidentRecord } from './records';

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

/** The idempotency key of one alarm state change: alarm ARN + state-change time + state. */
export function eventKeyOf(incident: Pick<Incident, 'alarmArn' | 'stateChangeTime' | 'state'>): string {
  return createHash('sha256')
    .update(`${incident.alarmArn}\n${incident.stateChangeTime}\n${incident.state}`)
    .digest('hex')
    .slice(0, 40);
}

/** The account the API lives in: the metric's (cross-account metric math) or the alarm's. */
function apiAccount(incident: Incident): string {
  return incident.metric.accountId ?? incident.accountId;
}

/** One incident record per API stage. REST APIs are keyed by name (as their alarms name them), HTTP APIs by id. */
export function incidentKeyOf(incident: Incident): string {
  const { api } = incident;
  const apiPart = api.kind === 'REST' ? (api.name ?? api.id ?? '') : (api.id ?? api.name ?? '');
  return `INCIDENT#${incident.region}#${apiAccount(incident)}#${api.kind}#${apiPart}#${api.stage}`;
}

function slug(text: string, max: number): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max) || 'x'
  );
}

/**
 * `<api>-<stage>-<yyyymmddThhmm>-<hash>`: readable, and safe as a Jira label, a PagerDuty dedup
 * key and an OpsItem dedup string. Derived from the opening event, so a retry derives the same id.
 */
export function incidentIdOf(incident: Incident, eventKey: string): string {
  const api = incident.api.name ?? incident.api.id ?? 'api';
  const time = incident.stateChangeTime.replace(/[-:]/g, '').slice(0, 13).toLowerCase();
  return `${slug(api, 40)}-${slug(incident.api.stage, 20)}-${time}-${eventKey.slice(0, 6)}`;
}

/** "5xx-rate" for the project's alarms, "p99 IntegrationLatency" from the metric, else the alarm name. */
export function alarmLabelOf(incident: Incident): string {
  const named = parseAlarmName(incident.alarmName);
  if (named !== undefined) return named.signal;
  const { statistic, metricName, expression } = incident.metric;
  if (metricName !== undefined && expression === undefined) return [statistic, metricName].filter(Boolean).join(' ');
  return incident.alarmName;
}

function alarmEntry(incident: Incident): IncidentAlarm {
  return {
    arn: incident.alarmArn,
    name: incident.alarmName,
    label: alarmLabelOf(incident),
    state: incident.state === 'OK' ? 'OK' : 'ALARM',
    at: incident.stateChangeTime,
  };
}

/** How an opening message names an alarm it folded in. */
export function announcedKey(alarm: Pick<IncidentAlarm, 'arn' | 'at'>): string {
  return `${alarm.arn}@${alarm.at}`;
}

function upsertAlarm(alarms: readonly IncidentAlarm[], entry: IncidentAlarm): IncidentAlarm[] {
  return [...alarms.filter((a) => a.arn !== entry.arn), entry];
}

function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

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

type Seen = NonNullable<IncidentRecord['seen']>;

/** The latest state change known for this alarm: the incident's own entry or the carried-over history. */
function latestSeen(
  current: IncidentRecord | undefined,
  arn: string,
): { state: 'ALARM' | 'OK'; at: string } | undefined {
  const candidates = [current?.seen?.[arn], current?.alarms.find((a) => a.arn === arn)].filter(
    (c): c is { state: 'ALARM' | 'OK'; at: string } => c !== undefined,
  );
  return candidates.sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
}

/** The history with this state change, when it is the newest known for its alarm. */
function withSeen(current: IncidentRecord | undefined, entry: IncidentAlarm): Seen {
  const seen: Seen = current?.seen ?? {};
  const known = seen[entry.arn];
  if (known !== undefined && Date.parse(known.at) >= Date.parse(entry.at)) return seen;
  return { ...seen, [entry.arn]: { state: entry.state, at: entry.at } };
}

/**
 * Why this state change is older than what is known of its alarm, if it is: a later state change
 * of the alarm was already delivered, or CloudWatch (read by the provenance gate) says the alarm
 * has been in another state since after this one.
 */
export function staleReason(current: IncidentRecord | undefined, incident: Incident): string | undefined {
  const atMs = Date.parse(incident.stateChangeTime);
  const known = latestSeen(current, incident.alarmArn);
  if (known !== undefined && Date.parse(known.at) > atMs) {
    return `the alarm already changed to ${known.state} at ${known.at}, after this ${incident.state}`;
  }
  const cw = incident.cloudWatch;
  if (cw !== undefined && cw.state !== incident.state && Date.parse(cw.updatedAt) > atMs) {
    return `CloudWatch shows the alarm ${cw.state} since ${cw.updatedAt}, after this ${incident.state}`;
  }
  return undefined;
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

/**
 * Records where the incident was posted. The first message's reference is kept; a later one
 * (a re-opened ticket's new linked issue, the resolution time) is merged into it, the thread
 * root (Slack ts) never replaced.
 */
export function mergeRefs(
  current: IncidentRecord,
  refs: Partial<Record<DestinationName, DestinationRef>>,
): IncidentRecord | undefined {
  const merged: Partial<Record<DestinationName, DestinationRef>> = { ...current.refs };
  let changed = false;
  for (const [name, ref] of Object.entries(refs) as [DestinationName, DestinationRef][]) {
    const before = current.refs[name];
    const after =
      before === undefined ? ref : { ...before, ...ref, ...(before['ts'] === undefined ? {} : { ts: before['ts'] }) };
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      merged[name] = after;
      changed = true;
    }
  }
  return changed ? { ...current, refs: merged, version: current.version + 1 } : undefined;
}
