/**
 * What a mute applies to: one API stage in the account the API lives in and its region (REST by
 * name, HTTP by id, as alarms name them). Its key is the incident record's key with another
 * prefix, both from apiStageKeyOf, so the two cannot disagree (a cross-account metric alarm names
 * the API's account in both).
 */
import { apiStageKeyOf, apiStageOf, INCIDENT_KEY_PREFIX } from '../incidents/incident-keys';
import type { Incident, IncidentSummary } from '../types';

const MUTE_KEY_PREFIX = 'MUTE#';

export function muteKeyOf(source: Incident | IncidentSummary): string {
  return `${MUTE_KEY_PREFIX}${apiStageKeyOf(apiStageOf(source))}`;
}

/** The key of the incident record of the API stage a mute key names; undefined for anything else. */
export function incidentKeyOfMute(muteKey: string): string | undefined {
  return muteKey.startsWith(MUTE_KEY_PREFIX)
    ? `${INCIDENT_KEY_PREFIX}${muteKey.slice(MUTE_KEY_PREFIX.length)}`
    : undefined;
}
