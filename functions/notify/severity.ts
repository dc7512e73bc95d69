import type { AlarmState, Severity } from '../types';

/** Severity from the 5XX rate; with no traffic figures an ALARM is 'high' until shown otherwise. */
export function severityOf(state: AlarmState, errorRatePct: number | null): Severity {
  if (state === 'OK') return 'low';
  if (errorRatePct === null) return state === 'ALARM' ? 'high' : 'medium';
  if (errorRatePct >= 50) return 'critical';
  if (errorRatePct >= 10) return 'high';
  if (errorRatePct >= 1) return 'medium';
  return 'low';
}
