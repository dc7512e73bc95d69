/** The backtest for machines: ISO times, no chart series. */
import type { SignalReplay } from './replay';
import type { BacktestResult } from './run-backtest';

const iso = (ms: number) => new Date(ms).toISOString();

function slim(signals: readonly SignalReplay[]) {
  return signals.map(({ series: _series, alarmPeriods, ...rest }) => ({
    ...rest,
    alarmPeriods: alarmPeriods.map((p) => ({ start: iso(p.start), end: iso(p.end) })),
  }));
}

export function toJson(result: BacktestResult): unknown {
  return {
    ...result,
    stages: result.stages.map((s) => ({
      ...s,
      bursts: s.bursts.map((b) => ({ onset: iso(b.onset), end: iso(b.end), peakErrors: b.peakErrors })),
      current: slim(s.current),
      ...(s.proposed === undefined ? {} : { proposed: slim(s.proposed) }),
    })),
  };
}
