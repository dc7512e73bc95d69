/**
 * Replays one stage's alarms over its 1-minute history with the shared evaluator: how often each
 * would have fired, how long it would have stayed in ALARM, and how late it caught each burst.
 * SDK-free: the backtest feeds it CloudWatch data, the detection benchmark synthetic series.
 */
import {
  aggregate,
  evaluateSeries,
  signalAlarm,
  signalValues,
  EXTRA_RANGE_PERIODS,
  type Datapoint,
  type RawSeries,
  type SignalAlarm,
} from '../alarms/semantics';
import { THRESHOLD_NAMES, type ThresholdName, type Thresholds } from '../config/thresholds';
import { findBursts, DEFAULT_BURST, type Burst, type BurstDefinition } from './bursts';

/** A stage's history: 1-minute series from `startMs`, all of the same length. */
export interface StageHistory {
  readonly startMs: number;
  readonly minutes: number;
  readonly raw: RawSeries;
  /** True when the latency series are Maximum, not p99 (the source served no percentiles). */
  readonly latencyIsMaximum?: boolean;
}

export interface BurstDetection {
  readonly onset: string;
  readonly durationMinutes: number;
  /** Minutes from onset to ALARM; undefined when missed. 0 when already in ALARM at onset. */
  readonly delayMinutes?: number;
}

export interface AlarmPeriod {
  readonly start: number;
  readonly end: number;
}

export interface SignalReplay {
  readonly signal: ThresholdName;
  readonly condition: string;
  readonly tuning: string;
  readonly fired: number;
  readonly minutesInAlarm: number;
  /** 5XX alarms are judged against the 5XX bursts; the latency alarms are not. */
  readonly judgedOnBursts: boolean;
  /** ALARM periods that overlap no burst (re-fires during a burst are not counted here). */
  readonly falseAlarms: number;
  readonly bursts: readonly BurstDetection[];
  readonly alarmPeriods: readonly AlarmPeriod[];
  /** The signal's datapoints and threshold, for the chart. */
  readonly series: { readonly startMs: number; readonly periodSeconds: number; readonly values: readonly Datapoint[] };
  readonly threshold: number;
  /** What was approximated, if anything. */
  readonly notes: readonly string[];
}

export interface StageReplay {
  readonly bursts: readonly Burst[];
  readonly signals: readonly SignalReplay[];
}

function rawForPeriod(
  history: StageHistory,
  periodSeconds: number,
): { startMs: number; raw: RawSeries; length: number } {
  const keys = ['serverErrors', 'clientErrors', 'requests', 'latency', 'integrationLatency'] as const;
  const out: Partial<Record<(typeof keys)[number], readonly Datapoint[]>> = {};
  let startMs = history.startMs;
  let length = history.minutes;
  for (const key of keys) {
    const values = history.raw[key];
    if (values === undefined) continue;
    const how = key === 'latency' || key === 'integrationLatency' ? 'max' : 'sum';
    const series = aggregate({ startMs: history.startMs, periodSeconds: 60, values }, periodSeconds, how);
    out[key] = series.values;
    startMs = series.startMs;
    length = series.values.length;
  }
  return { startMs, raw: out, length };
}

function approximations(alarm: SignalAlarm, history: StageHistory): string[] {
  if (alarm.formula.kind !== 'percentile') return [];
  const notes: string[] = [];
  if (history.latencyIsMaximum)
    notes.push('latency read as Maximum, an upper bound of p99 (no p99 served, or --no-percentiles)');
  if (alarm.rule.periodSeconds > 60) {
    notes.push(
      `p99 of ${alarm.rule.periodSeconds / 60}-minute periods approximated by the largest 1-minute p99 (an upper bound)`,
    );
  }
  return notes;
}

export function replaySignal(
  name: ThresholdName,
  thresholds: Thresholds,
  history: StageHistory,
  bursts: readonly Burst[],
): SignalReplay {
  const alarm = signalAlarm(name, thresholds);
  const { rule } = alarm;
  const { startMs, raw, length } = rawForPeriod(history, rule.periodSeconds);
  const values = signalValues(alarm.formula, raw, length);
  const timeline = evaluateSeries({ startMs, values }, rule);
  const periodMs = rule.periodSeconds * 1000;
  const endMs = startMs + length * periodMs;

  const alarmPeriods: AlarmPeriod[] = [];
  let openedAt: number | undefined;
  for (const t of timeline.transitions) {
    if (t.state === 'ALARM' && openedAt === undefined) openedAt = t.at;
    else if (t.state !== 'ALARM' && openedAt !== undefined) {
      alarmPeriods.push({ start: openedAt, end: t.at });
      openedAt = undefined;
    }
  }
  if (openedAt !== undefined) alarmPeriods.push({ start: openedAt, end: endMs });

  // An ALARM explains a burst when it starts after the onset and before the burst has left the
  // evaluation range; an ALARM already open at the onset counts as delay 0.
  const judgedOnBursts = name === 'serverErrorCount' || name === 'serverErrorRate';
  const settleMs = (rule.evaluationPeriods + EXTRA_RANGE_PERIODS) * periodMs;
  const explained = new Set<AlarmPeriod>();
  const detections: BurstDetection[] = (judgedOnBursts ? bursts : []).map((burst) => {
    const overlapping = alarmPeriods.filter((p) => p.end > burst.onset && p.start <= burst.end + settleMs);
    for (const p of overlapping) explained.add(p);
    const hit = overlapping[0];
    return {
      onset: new Date(burst.onset).toISOString(),
      durationMinutes: Math.round((burst.end - burst.onset) / 60_000),
      ...(hit === undefined ? {} : { delayMinutes: Math.max(0, Math.round((hit.start - burst.onset) / 60_000)) }),
    };
  });
  return {
    signal: name,
    condition: alarm.condition,
    tuning: `${rule.datapointsToAlarm} of ${rule.evaluationPeriods} x ${rule.periodSeconds / 60} min`,
    fired: alarmPeriods.length,
    minutesInAlarm: Math.round(alarmPeriods.reduce((sum, p) => sum + (p.end - p.start), 0) / 60_000),
    judgedOnBursts,
    falseAlarms: judgedOnBursts ? alarmPeriods.filter((p) => !explained.has(p)).length : 0,
    bursts: detections,
    alarmPeriods,
    series: { startMs, periodSeconds: rule.periodSeconds, values },
    threshold: rule.threshold,
    notes: approximations(alarm, history),
  };
}

/** Every enabled alarm of a stage over its history. */
export function replayStage(
  thresholds: Thresholds,
  history: StageHistory,
  definition: BurstDefinition = DEFAULT_BURST,
): StageReplay {
  const bursts = findBursts(history.startMs, history.raw.serverErrors ?? [], history.raw.requests ?? [], definition);
  const signals = THRESHOLD_NAMES.filter((name) => thresholds[name].enabled).map((name) =>
    replaySignal(name, thresholds, history, bursts),
  );
  return { bursts, signals };
}
