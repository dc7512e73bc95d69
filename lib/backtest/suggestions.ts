/**
 * Where one threshold dominates another on this history: it catches every burst the other
 * catches, never later, and fires no more often outside bursts (strictly better somewhere). Compared: the two
 * 5XX alarms of one stage with each other, and each alarm with its proposed version.
 */
import { ALARM_SIGNALS } from '../alarms/alarm-name';
import type { SignalReplay } from './replay';

/** a dominates b: not worse anywhere, better somewhere. */
export function dominates(a: SignalReplay, b: SignalReplay): boolean {
  let better = false;
  for (let i = 0; i < b.bursts.length; i += 1) {
    const da = a.bursts[i]?.delayMinutes;
    const db = b.bursts[i]?.delayMinutes;
    if (db !== undefined && (da === undefined || da > db)) return false;
    if (da !== undefined && (db === undefined || da < db)) better = true;
  }
  // Fires during a burst are what an alarm is for: only the ones outside bursts count against it.
  if (a.falseAlarms > b.falseAlarms) return false;
  return better || a.falseAlarms < b.falseAlarms;
}

function summary(s: SignalReplay): string {
  const caught = s.bursts.filter((b) => b.delayMinutes !== undefined).length;
  return `caught ${caught}/${s.bursts.length} bursts, ${s.falseAlarms} ALARM outside bursts`;
}

export function suggest(current: readonly SignalReplay[], proposed?: readonly SignalReplay[]): string[] {
  const out: string[] = [];
  const count = current.find((s) => s.signal === 'serverErrorCount');
  const rate = current.find((s) => s.signal === 'serverErrorRate');
  if (count && rate) {
    if (dominates(count, rate)) {
      out.push(
        `${ALARM_SIGNALS.serverErrorCount} dominates ${ALARM_SIGNALS.serverErrorRate} here (${summary(count)} vs ${summary(rate)}): ` +
          'on this history the rate alarm adds nothing; consider disabling it for this stage (serverErrorRate.enabled=false).',
      );
    } else if (dominates(rate, count)) {
      out.push(
        `${ALARM_SIGNALS.serverErrorRate} dominates ${ALARM_SIGNALS.serverErrorCount} here (${summary(rate)} vs ${summary(count)}): ` +
          "on this history the count alarm adds nothing; keep it only for bursts under the rate's minimum-request guard, or disable it for this stage (serverErrorCount.enabled=false).",
      );
    }
  }
  for (const next of proposed ?? []) {
    const before = current.find((s) => s.signal === next.signal);
    if (!before) continue;
    const label = ALARM_SIGNALS[next.signal];
    if (dominates(next, before))
      out.push(`${label}: the proposal dominates the current thresholds on this history: adopt it.`);
    else if (dominates(before, next))
      out.push(`${label}: the current thresholds dominate the proposal on this history: keep them.`);
  }
  return out;
}
