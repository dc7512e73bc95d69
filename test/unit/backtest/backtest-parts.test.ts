/** The backtest's pieces that need no emulator: bursts, dominance, --set parsing, replay. */
import { findBursts } from '../../../lib/backtest/bursts';
import { ConfigFileError } from '../../../lib/backtest/load-config';
import { parseSettings, proposedThresholds } from '../../../lib/backtest/proposal';
import { replayStage, type SignalReplay } from '../../../lib/backtest/replay';
import { dominates } from '../../../lib/backtest/suggestions';
import { DEFAULT_THRESHOLDS } from '../../../lib/config/thresholds';

const minutes = (text: string) => text.split(' ').map((c) => (c === '-' ? undefined : Number(c)));

describe('findBursts', () => {
  it('joins bad minutes at most 2 apart, drops single bad minutes and low shares', () => {
    //                      0  1  2  3 4 5 6  7 8 9 10 11 12 13 14
    const errors = minutes('0 9 9 0 0 9 0 0 0 40 0 0 6 6 -');
    const requests = minutes('100 100 100 100 100 100 100 100 100 100 100 100 1000 1000 -');
    const bursts = findBursts(0, errors, requests);
    // Minutes 1-5 (gap of 2 joined); minute 9 alone is no burst; 12-13 are 0.6 % (under 1 %).
    expect(bursts).toEqual([{ onset: 60_000, end: 6 * 60_000, peakErrors: 9 }]);
  });
});

describe('dominates', () => {
  const replay = (delays: (number | undefined)[], falseAlarms: number): SignalReplay =>
    ({
      bursts: delays.map((delayMinutes) => ({
        onset: '',
        durationMinutes: 5,
        ...(delayMinutes === undefined ? {} : { delayMinutes }),
      })),
      falseAlarms,
      fired: 0,
    }) as unknown as SignalReplay;

  it('needs every burst caught no later and no more ALARM outside bursts, and something strictly better', () => {
    expect(dominates(replay([2, 2], 0), replay([2, undefined], 0))).toBe(true);
    expect(dominates(replay([2, 3], 0), replay([3, 3], 0))).toBe(true);
    expect(dominates(replay([2, 2], 1), replay([2, undefined], 0))).toBe(false);
    expect(dominates(replay([2, 2], 0), replay([2, 2], 0))).toBe(false);
    expect(dominates(replay([3, 1], 0), replay([2, 2], 0))).toBe(false);
    expect(dominates(replay([2], 0), replay([2], 3))).toBe(true);
  });
});

describe('--set', () => {
  it('parses numbers and booleans into one override layer applied on top of a stage', () => {
    const overrides = parseSettings(['serverErrorRate.maxPercent=2', 'clientErrorRate.enabled=true']);
    const merged = proposedThresholds({ kind: 'set', label: '', overrides }, DEFAULT_THRESHOLDS, 'REST', 'a', 'prod');
    expect(merged?.serverErrorRate).toMatchObject({ maxPercent: 2, minRequests: 20 });
    expect(merged?.clientErrorRate.enabled).toBe(true);
  });

  it('names the bad setting', () => {
    expect(() => parseSettings(['serverErrorRate.maxPercent=abc'])).toThrow(
      /--set\.serverErrorRate\.maxPercent: "abc" is out of range/,
    );
    expect(() => parseSettings(['serverErrorRate=2'])).toThrow(ConfigFileError);
    expect(() => parseSettings(['latency.maxMs=2'])).toThrow(/--set\.latency: unknown setting/);
  });
});

describe('replayStage', () => {
  it('measures time in ALARM and delay on a 1-minute history', () => {
    const errors = minutes('0 0 20 20 20 20 0 0 0 0');
    const requests = minutes('100 100 100 100 100 100 100 100 100 100');
    const replay = replayStage(DEFAULT_THRESHOLDS, {
      startMs: 0,
      minutes: 10,
      raw: { serverErrors: errors, requests },
    });
    const count = replay.signals.find((s) => s.signal === 'serverErrorCount');
    // Breaching minutes 2-5: ALARM at the end of minute 3, OK at the end of minute 7.
    expect(count).toMatchObject({ fired: 1, minutesInAlarm: 4, falseAlarms: 0 });
    expect(count?.bursts).toEqual([{ onset: new Date(120_000).toISOString(), durationMinutes: 4, delayMinutes: 2 }]);
    expect(replay.signals.map((s) => s.signal)).toEqual([
      'serverErrorCount',
      'serverErrorRate',
      'latencyP99',
      'integrationLatencyP99',
    ]);
  });
});
