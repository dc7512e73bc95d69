/**
 * The AssumeRole session name. The member account's CloudTrail records every read under it
 * (`assumed-role/<role>/<session>`), so it names the responder and the incident it reads for: the
 * API stage the incident is keyed by (functions/incidents/incident-keys.ts). STS allows 2 to 64
 * characters of `[\w+=,.@-]`: anything else becomes '-', and a name too long keeps its start and a
 * short hash of the whole key, so two incidents never share a truncated name.
 */
import { createHash } from 'node:crypto';
import { apiStageKeyOf, apiStageOf } from '../incidents/incident-keys';
import type { Incident, IncidentSummary } from '../types';

export const SESSION_PREFIX = 'apigw-responder@';
const MAX_SESSION_NAME = 64;
const HASH_LENGTH = 8;

/** A valid session name for `label` (already prefixed with the responder's name). */
export function sessionName(label: string): string {
  const name = `${SESSION_PREFIX}${label.replace(/[^\w+=,.@-]/g, '-')}`;
  if (name.length <= MAX_SESSION_NAME) return name;
  const hash = createHash('sha256').update(label).digest('hex').slice(0, HASH_LENGTH);
  return `${name.slice(0, MAX_SESSION_NAME - HASH_LENGTH - 1)}.${hash}`;
}

/**
 * `apigw-responder@<kind>.<api>.<stage>`: the incident's API stage (its account is the session's).
 * The same for the incident and the summary built from it, so the graph drawn for the summary
 * shares the diagnosis' session.
 */
export function incidentSessionName(incident: Incident | IncidentSummary): string {
  const key = apiStageKeyOf(apiStageOf(incident));
  // The key is region#account#kind#api#stage; region and account are the session's own.
  return sessionName(key.split('#').slice(2).join('.'));
}
