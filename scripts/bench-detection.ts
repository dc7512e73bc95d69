/**
 * `npm run bench:detection`: how fast the 5XX alarms catch each failure shape and how often they
 * fire for nothing, replayed with the same evaluator as the backtest (lib/alarms/semantics), for
 * the project's default thresholds and for cdk-monitoring-constructs' default evaluation (3 of 3
 * datapoints of 5 minutes, same threshold values). Delay = minutes from the failure's onset to
 * the end of the period whose evaluation goes to ALARM; CloudWatch's own ingestion delay of API
 * Gateway metrics (about a minute) comes on top and is not modelled. Last line: JSON.
 */
import { DEFAULT_THRESHOLDS, mergeThresholds, type Thresholds } from '../lib/config/thresholds';
import { describeBurst, DEFAULT_BURST } from '../lib/backtest/bursts';
import { replayStage } from '../lib/backtest/replay';
import { SCENARIOS } from './detection/scenarios';

const FIVE_MINUTES_THREE_OF_THREE = { periodSeconds: 300, evaluationPeriods: 3, datapointsToAlarm: 3 };

const THRESHOLD_SETS: readonly { readonly name: string; readonly thresholds: Thresholds }[] = [
  { name: 'defaults (1 min, 2 of 3)', thresholds: DEFAULT_THRESHOLDS },
  {
    name: 'cdk-monitoring-constructs (5 min, 3 of 3)',
    thresholds: mergeThresholds({
      serverErrorCount: FIVE_MINUTES_THREE_OF_THREE,
      serverErrorRate: FIVE_MINUTES_THREE_OF_THREE,
    }),
  },
];
const SIGNALS = ['serverErrorCount', 'serverErrorRate'] as const;

interface Row {
  readonly scenario: string;
  readonly thresholds: string;
  readonly bursts: number;
  /** Earliest 5XX alarm per burst, minutes; null = missed. */
  readonly delayMinutes: readonly (number | null)[];
  readonly falseAlarms: number;
  /** Times a 5XX alarm went to ALARM (re-fires of a flapping alarm included). */
  readonly fired: number;
}

const rows: Row[] = [];
for (const scenario of SCENARIOS) {
  for (const set of THRESHOLD_SETS) {
    const replay = replayStage(set.thresholds, scenario.history);
    const signals = replay.signals.filter((s) => (SIGNALS as readonly string[]).includes(s.signal));
    const delayMinutes = replay.bursts.map((_, i) => {
      const delays = signals.map((s) => s.bursts[i]?.delayMinutes).filter((d): d is number => d !== undefined);
      return delays.length === 0 ? null : Math.min(...delays);
    });
    rows.push({
      scenario: scenario.name,
      thresholds: set.name,
      bursts: replay.bursts.length,
      delayMinutes,
      falseAlarms: signals.reduce((sum, s) => sum + s.falseAlarms, 0),
      fired: signals.reduce((sum, s) => sum + s.fired, 0),
    });
  }
}

const out = process.stdout;
out.write(`Detection of 5XX failures (5XX count and 5XX rate alarms; the earliest of the two counts)\n`);
out.write(`Burst: ${describeBurst(DEFAULT_BURST)}.\n\n`);
for (const s of SCENARIOS) out.write(`  ${s.name.padEnd(22)} ${s.description}\n`);
out.write('\n');
out.write(
  'The count threshold (10 errors) is per period: at 5-minute periods it is 5 times as sensitive per minute.\n\n',
);
out.write(
  `${'scenario'.padEnd(22)} ${'thresholds'.padEnd(42)} ${'delay (min)'.padEnd(12)} ${'false alarms'.padEnd(13)} fired (count + rate)\n`,
);
for (const r of rows) {
  const delay = r.bursts === 0 ? 'no burst' : r.delayMinutes.map((d) => (d === null ? 'missed' : String(d))).join(', ');
  out.write(
    `${r.scenario.padEnd(22)} ${r.thresholds.padEnd(42)} ${delay.padEnd(12)} ${String(r.falseAlarms).padEnd(13)} ${r.fired}\n`,
  );
}
out.write('\n(+ about 1 minute of CloudWatch ingestion delay on top of every figure, not modelled)\n');
out.write(`${JSON.stringify({ benchmark: 'detection', results: rows })}\n`);
