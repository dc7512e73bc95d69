/**
 * The evaluator against the worked tables of "Configuring how CloudWatch alarms treat missing
 * data" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html):
 * N = 3, evaluation range 5, datapoints most recent on the right; 0 = not breaching, X = breaching,
 * - = missing. "keep" = the docs' "Retain current state".
 */
import fc from 'fast-check';
import {
  aggregate,
  evaluateRange,
  evaluateSeries,
  signalAlarm,
  signalValues,
  type AlarmRule,
  type AlarmState,
  type Datapoint,
  type TreatMissingData,
} from '../../../lib/alarms/semantics';
import { DEFAULT_THRESHOLDS } from '../../../lib/config/thresholds';

const TREATMENTS: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];

function points(text: string): Datapoint[] {
  return text.split(' ').map((c) => (c === '-' ? undefined : c === 'X' ? 10 : 0));
}

function rule(datapointsToAlarm: number, treatMissingData: TreatMissingData): AlarmRule {
  return {
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm,
    comparison: 'GreaterThanThreshold',
    threshold: 5,
    treatMissingData,
  };
}

type Expected = AlarmState | 'keep';
// [data points, MISSING, IGNORE, BREACHING, NOT BREACHING]
const THREE_OF_THREE: readonly [string, Expected, Expected, Expected, Expected][] = [
  ['0 - X - X', 'OK', 'OK', 'OK', 'OK'],
  ['0 - - - -', 'OK', 'OK', 'OK', 'OK'],
  ['- - - - -', 'INSUFFICIENT_DATA', 'keep', 'ALARM', 'OK'],
  ['0 X X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['- - X - -', 'ALARM', 'keep', 'ALARM', 'OK'],
];
const TWO_OF_THREE: readonly [string, Expected, Expected, Expected, Expected][] = [
  ['0 - X - X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 0 X 0 X', 'ALARM', 'ALARM', 'ALARM', 'ALARM'],
  ['0 - X - -', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - - 0', 'OK', 'OK', 'ALARM', 'OK'],
  ['- - - X -', 'ALARM', 'keep', 'ALARM', 'OK'],
];

describe.each([
  ['3 of 3', 3, THREE_OF_THREE],
  ['2 of 3', 2, TWO_OF_THREE],
] as const)("CloudWatch's documented table for %s", (_label, m, table) => {
  it.each(table)('%s', (data, ...expected) => {
    TREATMENTS.forEach((treatment, column) => {
      const want = expected[column];
      // "Retain current state": checked from both OK and ALARM.
      for (const current of ['OK', 'ALARM'] as const) {
        const got = evaluateRange(points(data), rule(m, treatment), current).state;
        expect({ treatment, current, state: got }).toEqual({
          treatment,
          current,
          state: want === 'keep' ? current : want,
        });
      }
    });
  });
});

describe('evaluateRange details from the same page', () => {
  it('fills only the shortfall: "0 - - - -" with breaching fills two, not four', () => {
    const result = evaluateRange(points('0 - - - -'), rule(3, 'breaching'), 'OK');
    expect(result).toMatchObject({ realDatapoints: 1, filledDatapoints: 2, breachingDatapoints: 2, state: 'OK' });
  });

  it('does not alarm prematurely on "- - - - X" (3 of 3, missing)', () => {
    expect(evaluateRange(points('- - - - X'), rule(3, 'missing'), 'OK').state).toBe('OK');
  });

  it('reaches back in the range for real datapoints when some are missing', () => {
    // Three real datapoints exist (X, X, 0 oldest first is "X X - - 0"): they decide, no filling.
    const result = evaluateRange(points('X X - - 0'), rule(2, 'breaching'), 'OK');
    expect(result).toMatchObject({ realDatapoints: 3, filledDatapoints: 0, state: 'ALARM' });
  });
});

describe('evaluateSeries', () => {
  const oneMinute: AlarmRule = { ...rule(2, 'notBreaching'), periodSeconds: 60 };

  it('fires at the end of the second breaching minute of a burst (2 of 3) and clears after it', () => {
    const values = points('0 0 X X X 0 0 0 0');
    const timeline = evaluateSeries({ startMs: 0, values }, oneMinute);
    expect(timeline.transitions).toEqual([
      { at: 60_000, state: 'OK' },
      { at: 4 * 60_000, state: 'ALARM' },
      { at: 7 * 60_000, state: 'OK' },
    ]);
  });

  it('ignores one isolated bad minute (2 of 3)', () => {
    const timeline = evaluateSeries({ startMs: 0, values: points('0 0 X 0 0 0 0') }, oneMinute);
    expect(timeline.states).not.toContain('ALARM');
  });
});

describe('the shared rule objects', () => {
  it('compute the rate with the minimum-request guard and FILL', () => {
    const alarm = signalAlarm('serverErrorRate', DEFAULT_THRESHOLDS);
    const values = signalValues(
      alarm.formula,
      { serverErrors: [1, undefined, 3, 5], requests: [2, 100, 100, undefined] },
      4,
    );
    // 1 of 2 requests: under minRequests (20) -> 0 %; no error datapoint -> 0 %; 3 of 100 -> 3 %;
    // no request datapoint -> no value at all.
    expect(values).toEqual([0, 0, 3, undefined]);
    expect(alarm.rule).toMatchObject({
      comparison: 'GreaterThanThreshold',
      threshold: 5,
      treatMissingData: 'notBreaching',
    });
  });
});

/** Minute series with gaps, bursts and quiet stretches. */
const minuteSeries = fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined, freq: 4 }), {
  minLength: 1,
  maxLength: 120,
});
/** Any rule over 1-, 2- or 5-minute periods, M of N with M <= N. */
const anyRule = fc
  .record({
    periodMinutes: fc.constantFrom(1, 2, 5),
    evaluationPeriods: fc.integer({ min: 1, max: 5 }),
    m: fc.integer({ min: 1, max: 5 }),
    threshold: fc.integer({ min: 0, max: 30 }),
    treatMissingData: fc.constantFrom(...TREATMENTS),
  })
  .map((r): AlarmRule => ({
    periodSeconds: r.periodMinutes * 60,
    evaluationPeriods: r.evaluationPeriods,
    datapointsToAlarm: Math.min(r.m, r.evaluationPeriods),
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: r.threshold,
    treatMissingData: r.treatMissingData,
  }));

describe('agrees with itself across period alignments (property)', () => {
  it('shifting the history by whole periods shifts every transition by the same time', () => {
    fc.assert(
      fc.property(minuteSeries, anyRule, fc.integer({ min: 0, max: 50 }), (values, alarmRule, shift) => {
        const { periodSeconds } = alarmRule;
        const base = 1_700_000_000_000 - (1_700_000_000_000 % (periodSeconds * 1000));
        const at = (startMs: number) =>
          evaluateSeries(aggregate({ startMs, periodSeconds: 60, values }, periodSeconds, 'sum'), alarmRule);
        const a = at(base);
        const b = at(base + shift * periodSeconds * 1000);
        expect(b.states).toEqual(a.states);
        expect(b.transitions.map((t) => t.at - shift * periodSeconds * 1000)).toEqual(a.transitions.map((t) => t.at));
      }),
    );
  });

  it('the same history starting anywhere inside a period lands in the same period buckets', () => {
    fc.assert(
      fc.property(minuteSeries, anyRule, fc.integer({ min: 0, max: 4 }), (values, alarmRule, lead) => {
        const { periodSeconds } = alarmRule;
        const offset = lead % (periodSeconds / 60);
        const aligned = 1_700_000_000_000 - (1_700_000_000_000 % (periodSeconds * 1000));
        // Padding the start of the history with missing minutes inside the first period changes nothing.
        const padded: Datapoint[] = [...new Array<Datapoint>(offset).fill(undefined), ...values];
        const a = evaluateSeries(
          aggregate({ startMs: aligned + offset * 60_000, periodSeconds: 60, values }, periodSeconds, 'sum'),
          alarmRule,
        );
        const b = evaluateSeries(
          aggregate({ startMs: aligned, periodSeconds: 60, values: padded }, periodSeconds, 'sum'),
          alarmRule,
        );
        expect(b).toEqual(a);
      }),
    );
  });

  it('a 1-minute alarm fed k-minute constant blocks equals a k-minute alarm on their sums, period for period', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined, freq: 4 }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.constantFrom(2, 5),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(...TREATMENTS),
        (blocks, k, n, treatMissingData) => {
          // Sum of k equal minutes >= k*t  <=>  each minute >= t; missing stays missing.
          const minutes = blocks.flatMap((v) => new Array<Datapoint>(k).fill(v));
          const coarse: AlarmRule = {
            periodSeconds: k * 60,
            evaluationPeriods: n,
            datapointsToAlarm: n,
            comparison: 'GreaterThanOrEqualToThreshold',
            threshold: 10 * k,
            treatMissingData,
          };
          const fine: AlarmRule = { ...coarse, periodSeconds: 60, evaluationPeriods: n, threshold: 10 };
          const coarseStates = evaluateSeries(
            aggregate({ startMs: 0, periodSeconds: 60, values: minutes }, k * 60, 'sum'),
            coarse,
          ).states;
          // The fine alarm sees each block as k repeated minutes; compare it only at block ends,
          // where its last n*k minutes are n whole blocks: an n-of-n rule over blocks.
          const fineBlocks = evaluateSeries({ startMs: 0, values: blocks }, fine).states;
          expect(coarseStates).toEqual(fineBlocks);
        },
      ),
    );
  });
});
