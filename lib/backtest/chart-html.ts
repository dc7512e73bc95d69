/**
 * One self-contained HTML page per stage (inline SVG, no script, no network): for every alarm its
 * signal over the window, the threshold as a dashed line, the would-be ALARM periods shaded red
 * (the proposal's, when there is one, shaded blue below them) and each burst's onset marked.
 */
import { ALARM_SIGNALS } from '../alarms/alarm-name';
import type { SignalReplay } from './replay';
import type { BacktestResult, StageResult } from './run-backtest';

const WIDTH = 1100;
const HEIGHT = 170;
const PAD = { left: 60, right: 10, top: 10, bottom: 22 };

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function panel(
  signal: SignalReplay,
  proposed: SignalReplay | undefined,
  stage: StageResult,
  range: { start: number; end: number },
): string {
  const { startMs, periodSeconds, values } = signal.series;
  const max = Math.max(signal.threshold * 1.2, ...values.map((v) => v ?? 0), 1);
  const x = (ms: number) =>
    PAD.left + ((ms - range.start) / (range.end - range.start)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / max) * (HEIGHT - PAD.top - PAD.bottom);
  const shade = (periods: SignalReplay['alarmPeriods'], fill: string, top: number, height: number) =>
    periods
      .map(
        (p) =>
          `<rect x="${x(p.start).toFixed(1)}" y="${top}" width="${Math.max(1, x(p.end) - x(p.start)).toFixed(1)}" height="${height}" fill="${fill}"/>`,
      )
      .join('');
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  let path = '';
  values.forEach((v, i) => {
    if (v === undefined) return;
    const px = x(startMs + (i + 0.5) * periodSeconds * 1000).toFixed(1);
    path += `${path === '' || values[i - 1] === undefined ? 'M' : 'L'}${px},${y(v).toFixed(1)}`;
  });
  const onsets = stage.bursts
    .map(
      (b) =>
        `<line x1="${x(b.onset).toFixed(1)}" x2="${x(b.onset).toFixed(1)}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}" stroke="#e67e22" stroke-width="1.5"/>`,
    )
    .join('');
  const days: string[] = [];
  for (let d = Math.ceil(range.start / 86_400_000) * 86_400_000; d <= range.end; d += 86_400_000) {
    days.push(
      `<text x="${x(d).toFixed(1)}" y="${HEIGHT - 6}" font-size="10" fill="#555">${new Date(d).toISOString().slice(5, 10)}</text>`,
    );
  }
  const title = `${ALARM_SIGNALS[signal.signal]}: ${signal.condition} — ${signal.tuning}; fired ${signal.fired}, ${signal.minutesInAlarm} min in ALARM`;
  return `<h2>${escape(title)}</h2>
<svg width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escape(title)}">
<rect x="${PAD.left}" y="${PAD.top}" width="${WIDTH - PAD.left - PAD.right}" height="${plotHeight}" fill="#fafafa" stroke="#ddd"/>
${shade(signal.alarmPeriods, 'rgba(220,40,40,0.30)', PAD.top, proposed ? plotHeight / 2 : plotHeight)}
${proposed ? shade(proposed.alarmPeriods, 'rgba(40,90,220,0.30)', PAD.top + plotHeight / 2, plotHeight / 2) : ''}
${onsets}
<path d="${path}" fill="none" stroke="#333" stroke-width="1"/>
<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(signal.threshold).toFixed(1)}" y2="${y(signal.threshold).toFixed(1)}" stroke="#c0392b" stroke-dasharray="5,3"/>
<text x="4" y="${(y(signal.threshold) + 4).toFixed(1)}" font-size="10" fill="#c0392b">${escape(String(signal.threshold))}</text>
<text x="4" y="${PAD.top + 10}" font-size="10" fill="#555">${escape(String(Math.round(max)))}</text>
${days.join('')}
</svg>`;
}

export function chartFileName(stage: StageResult): string {
  return `${stage.ref.kind}-${stage.ref.api}-${stage.ref.stage}`.replace(/[^A-Za-z0-9_-]/g, '_') + '.html';
}

export function renderChart(result: BacktestResult, stage: StageResult): string {
  const range = { start: Date.parse(result.window.start), end: Date.parse(result.window.end) };
  const panels = stage.current.map((s) =>
    panel(
      s,
      stage.proposed?.find((p) => p.signal === s.signal),
      stage,
      range,
    ),
  );
  const legend = `<p>Black: the alarm's datapoints. Dashed red: threshold. Red shading: would-be ALARM with the current thresholds${
    stage.proposed ? `; blue shading (lower half): with ${escape(result.proposal ?? 'the proposal')}` : ''
  }. Orange lines: burst onsets (${escape(result.burstDefinition)}).</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Backtest ${escape(stage.label)} / ${escape(stage.ref.stage)}</title>
<style>body{font-family:system-ui,sans-serif;margin:20px;color:#222}h1{font-size:18px}h2{font-size:13px;margin:16px 0 4px}</style></head>
<body><h1>Backtest ${escape(`${stage.ref.kind} ${stage.label} / ${stage.ref.stage}`)}: ${escape(result.window.start)} → ${escape(result.window.end)}</h1>
${legend}
${panels.join('\n')}
</body></html>
`;
}
