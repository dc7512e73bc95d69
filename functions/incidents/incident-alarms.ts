/** How an alarm state change appears in an incident record: its entry, label and announced key. */
import { parseAlarmName } from '../../lib/alarms/alarm-name';
import type { Incident } from '../types';
import type { IncidentAlarm } from './records';

/** "5xx-rate" for the project's alarms, "p99 IntegrationLatency" from the metric, else the alarm name. */
export function alarmLabelOf(incident: Incident): string {
  const named = parseAlarmName(incident.alarmName);
  if (named !== undefined) return named.signal;
  const { statistic, metricName, expression } = incident.metric;
  if (metricName !== undefined && expression === undefined) return [statistic, metricName].filter(Boolean).join(' ');
  return incident.alarmName;
}

export function alarmEntry(incident: Incident): IncidentAlarm {
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

/** The labels of the alarms firing now other than `arn`: what a message names as "also firing". */
export function otherFiringLabels(alarms: readonly IncidentAlarm[], arn: string): string[] {
  return [...new Set(alarms.filter((a) => a.state === 'ALARM' && a.arn !== arn).map((a) => a.label))];
}

export function upsertAlarm(alarms: readonly IncidentAlarm[], entry: IncidentAlarm): IncidentAlarm[] {
  return [...alarms.filter((a) => a.arn !== entry.arn), entry];
}

export function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
