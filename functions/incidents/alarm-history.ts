/**
 * The per-alarm history an incident record keeps (`seen`): the latest state change known for each
 * alarm, so a late delivery of an older one is recognised as stale and not posted.
 */
import type { Incident } from '../types';
import type { IncidentAlarm, IncidentRecord } from './records';

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
export function withSeen(current: IncidentRecord | undefined, entry: IncidentAlarm): Seen {
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
