/** The backtest as a person reads it: per stage, one row per alarm, the proposal side by side. */
import { ALARM_SIGNALS } from '../alarms/alarm-name';
import type { SignalReplay } from './replay';
import type { BacktestResult, StageResult } from './run-backtest';

function delays(s: SignalReplay): string {
  if (!s.judgedOnBursts) return 'n/a (not a 5XX alarm)';
  if (s.bursts.length === 0) return '-';
  return s.bursts.map((b) => (b.delayMinutes === undefined ? 'missed' : `${b.delayMinutes}m`)).join(' ');
}

const COLUMNS = ['alarm', 'tuning', 'fired', 'in ALARM', 'outside bursts', 'delay per burst'];

function cells(s: SignalReplay): string[] {
  return [
    s.tuning,
    String(s.fired),
    `${s.minutesInAlarm} min`,
    s.judgedOnBursts ? String(s.falseAlarms) : '-',
    delays(s),
  ];
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`.trimEnd());
}

function renderStage(stage: StageResult, proposalLabel?: string): string[] {
  const lines = [`${stage.ref.kind} ${stage.label} / ${stage.ref.stage}`];
  lines.push(
    stage.bursts.length === 0
      ? '  bursts: none'
      : `  bursts: ${stage.bursts.map((b) => `${new Date(b.onset).toISOString().slice(0, 16)}Z (${Math.round((b.end - b.onset) / 60_000)} min, peak ${b.peakErrors} 5XX/min)`).join('; ')}`,
  );
  const rows: string[][] = [COLUMNS];
  for (const s of stage.current) {
    rows.push([ALARM_SIGNALS[s.signal], ...cells(s)]);
    const next = stage.proposed?.find((p) => p.signal === s.signal);
    if (next) rows.push([`  proposed`, ...cells(next)]);
  }
  lines.push(...table(rows));
  if (proposalLabel && stage.proposed) lines.push(`  (proposed = ${proposalLabel})`);
  const notes = [
    ...new Set([
      ...stage.notes,
      ...stage.current.flatMap((s) => s.notes.map((n) => `${ALARM_SIGNALS[s.signal]}: ${n}`)),
    ]),
  ];
  for (const note of notes) lines.push(`  note: ${note}`);
  for (const suggestion of stage.suggestions) lines.push(`  suggestion: ${suggestion}`);
  return lines;
}

export function renderText(result: BacktestResult): string {
  const lines = [
    `Backtest ${result.window.start} → ${result.window.end} (${result.window.days} days)`,
    `Burst: ${result.burstDefinition}.`,
    'fired = times the alarm would have gone to ALARM; outside bursts = ALARM periods overlapping no burst;',
    "delay = minutes from a burst's onset to ALARM (evaluation at the end of each period; CloudWatch's own ingestion delay not included).",
    '',
  ];
  for (const stage of result.stages) lines.push(...renderStage(stage, result.proposal), '');
  return `${lines.join('\n')}`;
}
