/**
 * The keys and ids an incident is known by: the idempotency key of one alarm state change, the
 * record key of an API stage, and the readable incident id used as label and dedup key.
 */
import { createHash } from 'node:crypto';
import type { ApiRef, Incident, IncidentSummary } from '../types';

/** The idempotency key of one alarm state change: alarm ARN + state-change time + state. */
export function eventKeyOf(incident: Pick<Incident, 'alarmArn' | 'stateChangeTime' | 'state'>): string {
  return createHash('sha256')
    .update(`${incident.alarmArn}\n${incident.stateChangeTime}\n${incident.state}`)
    .digest('hex')
    .slice(0, 40);
}

/** The account the API lives in: the metric's (cross-account metric math) or the alarm's. */
export function apiAccount(incident: Pick<Incident, 'accountId' | 'metric'>): string {
  return incident.metric.accountId ?? incident.accountId;
}

/** One API stage as records and mutes key it: its region, the account the API lives in, the API. */
export interface ApiStage {
  readonly region: string;
  readonly accountId: string;
  readonly api: ApiRef;
}

/** The API stage of an incident, or of a summary built from one (which keeps the API's account). */
export function apiStageOf(source: Incident | IncidentSummary): ApiStage {
  const accountId = 'metric' in source ? apiAccount(source) : (source.apiAccountId ?? source.accountId);
  return { region: source.region, accountId, api: source.api };
}

/**
 * `<region>#<account>#<kind>#<api>#<stage>`: the one key of an API stage, behind both the incident
 * record's key and the mute's, so a button's mute key always finds its incident. REST APIs are
 * keyed by name (as their alarms name them), HTTP APIs by id.
 */
export function apiStageKeyOf(stage: ApiStage): string {
  const { api } = stage;
  const apiPart = api.kind === 'REST' ? (api.name ?? api.id ?? '') : (api.id ?? api.name ?? '');
  return `${stage.region}#${stage.accountId}#${api.kind}#${apiPart}#${api.stage}`;
}

export const INCIDENT_KEY_PREFIX = 'INCIDENT#';

/** One incident record per API stage. */
export function incidentKeyOf(incident: Incident): string {
  return `${INCIDENT_KEY_PREFIX}${apiStageKeyOf(apiStageOf(incident))}`;
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
