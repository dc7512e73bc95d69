/**
 * Targeted log reading without a network: the filter patterns built from access-log formats,
 * and the newest-first reader against a fake FilterLogEvents that behaves like CloudWatch
 * (time-ordered pages of at most `limit` events, a nextToken when more remain) and, optionally,
 * like the emulator (ignores the pattern) or a service that refuses the pattern.
 */
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import {
  accessFailurePattern,
  anyPhrase,
  spaceDelimitedFields,
} from '../../../functions/diagnosis/log-reading/filter-patterns';
import { readNewestFirst } from '../../../functions/diagnosis/log-reading/newest-first-reader';
import { coverageOf } from '../../../functions/diagnosis/log-reading/coverage';

describe('filter patterns', () => {
  it('selects failing requests of a JSON access log by its status key, as a string or a number', () => {
    expect(accessFailurePattern('{"requestId":"$context.requestId","st":"$context.status"}', 'st')).toBe(
      '{ ($.st = "5*") || ($.st >= 500) }',
    );
  });

  it('selects by the position of $context.status in a space-delimited (CLF) format', () => {
    const clf =
      '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId';
    expect(spaceDelimitedFields(clf)).toHaveLength(8);
    expect(accessFailurePattern(clf, undefined)).toBe('[f1, f2, f3, f4, f5, status=5*, ...]');
  });

  it('gives no pattern when the format does not say where the status is', () => {
    expect(accessFailurePattern(undefined, 'status')).toBeUndefined();
    expect(accessFailurePattern('$context.requestId $context.error.message', undefined)).toBeUndefined();
    expect(accessFailurePattern('{"a b":"$context.status"}', 'a b')).toBeUndefined();
  });

  it('ORs quoted phrases', () => {
    expect(anyPhrase(['Execution failed', 'PKIX'])).toBe('?"Execution failed" ?"PKIX"');
  });
});

interface FakeOptions {
  readonly ignorePattern?: boolean;
  readonly refusePattern?: boolean;
  /** Time between two events. @default 1,000 ms */
  readonly stepMs?: number;
}

/** `count` events one per `stepMs` (a second) from t0; those from `failFrom` on say "FAIL". */
function fakeLogs(count: number, failFrom: number, options: FakeOptions = {}) {
  const t0 = 1_700_000_000_000;
  const stepMs = options.stepMs ?? 1000;
  const events: FilteredLogEvent[] = Array.from({ length: count }, (_, i) => ({
    eventId: String(i),
    timestamp: t0 + i * stepMs,
    message: i >= failFrom ? `req-${i} FAIL` : `req-${i} ok`,
  }));
  const calls: { startTime: number; endTime: number; filterPattern?: string }[] = [];
  const logs = {
    send: (command: { input: Record<string, unknown> }) => {
      const input = command.input as {
        startTime: number;
        endTime: number;
        limit: number;
        filterPattern?: string;
        nextToken?: string;
      };
      calls.push({
        startTime: input.startTime,
        endTime: input.endTime,
        ...(input.filterPattern ? { filterPattern: input.filterPattern } : {}),
      });
      if (options.refusePattern && input.filterPattern !== undefined) {
        return Promise.reject(
          Object.assign(new Error('Invalid filter pattern'), { name: 'InvalidParameterException' }),
        );
      }
      const selected = events.filter(
        (e) =>
          (e.timestamp ?? 0) >= input.startTime &&
          (e.timestamp ?? 0) <= input.endTime &&
          (options.ignorePattern || input.filterPattern === undefined || (e.message ?? '').includes('FAIL')),
      );
      const from = input.nextToken === undefined ? 0 : Number(input.nextToken);
      const page = selected.slice(from, from + input.limit);
      const more = from + input.limit < selected.length;
      return Promise.resolve({ events: page, ...(more ? { nextToken: String(from + input.limit) } : {}) });
    },
  };
  return { logs, calls, t0 };
}

const budget = { maxPages: 6, pageLimit: 100, maxKept: 50 };

describe('readNewestFirst', () => {
  it('reads everything in one page when the window fits, and says so', async () => {
    const { logs, t0 } = fakeLogs(80, 70);
    const read = await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: t0 + 100_000,
      accept: (m) => m.includes('FAIL'),
      budget,
      softDeadline: Date.now() + 10_000,
    });
    expect(read).toEqual(expect.objectContaining({ complete: true, pages: 1, linesRead: 80, failingLines: 10 }));
    expect(coverageOf('g', read).statement).toBe('read all 80 lines of the window in 1 page');
  });

  it('with a server that ignores the pattern, finds the failures at the end of a large window within the budget', async () => {
    // 10,000 lines, the last 20 failing; pages of 100: reading oldest first would need 100 pages.
    const { logs, calls, t0 } = fakeLogs(10_000, 9_980, { ignorePattern: true });
    const read = await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: t0 + 10_000_000,
      filterPattern: '?"FAIL"',
      accept: (m) => m.includes('FAIL'),
      budget,
      softDeadline: Date.now() + 10_000,
    });
    expect(read.failingLines).toBe(20);
    expect(read.events.map((e) => e.message)).toContain('req-9999 FAIL');
    expect(read.complete).toBe(false);
    expect(read.stoppedBy).toBe('page-limit');
    expect(calls.length).toBeLessThanOrEqual(6);
    // After the first page, the second slice ends at the end of the window: newest first.
    expect(calls[1]?.endTime).toBe(t0 + 10_000_000);
    const coverage = coverageOf('g', read, { errorsFromMetrics: 20 });
    expect(coverage.mode).toBe('sample');
    expect(coverage.linesEstimated).toBeGreaterThan(5_000);
    expect(coverage.statement).toMatch(
      /^newest \d+ of ≈ [\d,]+ lines, .* \(stopped by the 6-page limit\); 20 5XX counted from metrics$/,
    );
  });

  it('reaches the newest lines when the window ends well past the last line (its end is rounded up to the minute)', async () => {
    // 10,000 lines one per second, the last 25 failing; the window ends 240 s (2.4 pages) after the
    // last line. The empty tail says nothing about the density: counted in, it made the slices
    // after it too long, their pages returned their oldest lines and 5 pages never reached the end.
    const { logs, t0 } = fakeLogs(10_000, 9_975);
    const read = await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: t0 + 9_999_000 + 240_000,
      accept: (m) => m.includes('FAIL'),
      budget: { ...budget, maxPages: 5 },
      softDeadline: Date.now() + 10_000,
    });
    expect(read.stoppedBy).toBe('page-limit');
    expect(read.failingLines).toBe(25);
    expect(read.events.map((e) => e.message)).toContain('req-9999 FAIL');
  });

  it('crosses an empty tail of almost a minute in dense logs within a small budget', async () => {
    // 20 lines a second, the last 30 failing, the onset focus first (its page is the oldest part of
    // the focus), then 59 s without a line before the window's end (rounded up to the minute): a
    // density-sized slice is 4 s, so doubling from it needed 4 empty pages to cross the tail.
    const { logs, t0 } = fakeLogs(20_000, 19_970, { stepMs: 50, ignorePattern: true });
    const last = t0 + 19_999 * 50;
    const read = await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: last + 59_000,
      focusStart: last - 120_000,
      accept: (m) => m.includes('FAIL'),
      budget: { ...budget, maxPages: 5 },
      softDeadline: Date.now() + 10_000,
    });
    expect(read.failingLines).toBe(30);
    expect(read.events.map((e) => e.message)).toContain('req-19999 FAIL');
  });

  it('reads the focus (from the onset) before the quiet start of the window', async () => {
    const { logs, calls, t0 } = fakeLogs(50, 40);
    await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: t0 + 60_000,
      focusStart: t0 + 35_000,
      accept: (m) => m.includes('FAIL'),
      budget,
      softDeadline: Date.now() + 10_000,
    });
    expect(calls.map((c) => [c.startTime - t0, c.endTime - t0])).toEqual([
      [35_000, 60_000],
      [0, 34_999],
    ]);
  });

  it('keeps only the newest accepted lines beyond maxKept, but counts them all', async () => {
    const { logs, t0 } = fakeLogs(90, 0);
    const read = await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: t0 + 100_000,
      accept: () => true,
      budget: { ...budget, maxKept: 10 },
      softDeadline: Date.now() + 10_000,
    });
    expect(read.failingLines).toBe(90);
    expect(read.events.map((e) => e.eventId)).toEqual(['80', '81', '82', '83', '84', '85', '86', '87', '88', '89']);
  });

  it('goes on without the pattern when the service refuses it, and says so', async () => {
    const { logs, calls, t0 } = fakeLogs(30, 25, { refusePattern: true });
    const read = await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: t0 + 100_000,
      filterPattern: '{ $.status = "5*" }',
      accept: (m) => m.includes('FAIL'),
      budget,
      softDeadline: Date.now() + 10_000,
    });
    expect(read).toEqual(expect.objectContaining({ complete: true, failingLines: 5, patternRejected: true }));
    expect(calls.map((c) => c.filterPattern)).toEqual(['{ $.status = "5*" }', undefined]);
    expect(coverageOf('g', read).statement).toContain('the service refused the filter pattern');
  });

  it('stops at the soft deadline with what it has instead of failing', async () => {
    const { logs, t0 } = fakeLogs(10_000, 9_990, { ignorePattern: true });
    const read = await readNewestFirst(logs as never, {
      logGroupName: 'g',
      start: t0,
      end: t0 + 10_000_000,
      accept: (m) => m.includes('FAIL'),
      budget,
      softDeadline: Date.now() - 1,
    });
    expect(read).toEqual(expect.objectContaining({ complete: false, stoppedBy: 'deadline', pages: 0 }));
  });
});
