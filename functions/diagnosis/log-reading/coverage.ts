/**
 * Honest sampling: what a reader read, as a LogCoverage the probe reports, and — when it is a
 * sample — a "could not check all of ..." finding so every summary says the counts are partial
 * and where the real totals come from (metrics).
 */
import type { CouldNotCheckFinding, LogCoverage, ProbeName } from '../../types';
import { couldNotCheck } from '../probe';
import type { NewestFirstResult } from './newest-first-reader';

const n = (x: number): string => x.toLocaleString('en-US');
const clock = (ms: number): string => `${new Date(ms).toISOString().slice(11, 19)}`;

export function coverageOf(
  logGroup: string,
  read: NewestFirstResult,
  extra: { errorsFromMetrics?: number | undefined; requestsFromMetrics?: number | undefined; lines?: string } = {},
): LogCoverage {
  const estimate = accessLogEstimate(read, extra.errorsFromMetrics, extra.requestsFromMetrics) ?? read.linesEstimated;
  const lines = extra.lines ?? 'lines';
  const metrics =
    extra.errorsFromMetrics === undefined ? '' : `; ${n(extra.errorsFromMetrics)} 5XX counted from metrics`;
  const rejected = read.patternRejected === true ? ' (the service refused the filter pattern; read unfiltered)' : '';
  let statement: string;
  if (read.complete) {
    statement = `read all ${n(read.linesRead)} ${lines} of the window in ${read.pages} page${read.pages === 1 ? '' : 's'}${rejected}`;
  } else {
    const of = estimate === undefined ? '' : ` of ≈ ${n(Math.max(estimate, read.linesRead))}`;
    const part =
      read.readFrom === undefined || read.readTo === undefined
        ? ''
        : `, ${clock(read.readFrom)}–${clock(read.readTo)} UTC`;
    const why = read.stoppedBy === 'deadline' ? 'the time left' : `the ${read.pages}-page limit`;
    statement = `newest ${n(read.linesRead)}${of} ${lines}${part} (stopped by ${why})${metrics}${rejected}`;
  }
  return {
    logGroup,
    mode: read.complete ? 'all' : 'sample',
    linesRead: read.linesRead,
    failingLines: read.failingLines,
    ...(read.complete || estimate === undefined ? {} : { linesEstimated: Math.max(estimate, read.linesRead) }),
    pages: read.pages,
    ...(read.readFrom === undefined ? {} : { readFrom: new Date(read.readFrom).toISOString() }),
    ...(read.readTo === undefined ? {} : { readTo: new Date(read.readTo).toISOString() }),
    ...(read.stoppedBy === undefined ? {} : { stoppedBy: read.stoppedBy }),
    ...(read.complete || extra.errorsFromMetrics === undefined ? {} : { errorsFromMetrics: extra.errorsFromMetrics }),
    statement,
  };
}

/**
 * An access log writes one line per request, so metrics count its lines better than the density
 * of the slices read: where the service applied the failure filter (nearly every line returned
 * failed) the selected lines are about the 5XX count, otherwise about the request count.
 */
function accessLogEstimate(
  read: NewestFirstResult,
  errors: number | undefined,
  requests: number | undefined,
): number | undefined {
  if (read.complete || read.linesRead === 0) return undefined;
  const filtered = read.failingLines / read.linesRead > 0.9;
  return filtered ? errors : requests;
}

/** The unread rest of a sampled group as a finding; undefined when everything was read. */
export function sampledRest(probe: ProbeName, what: string, coverage: LogCoverage): CouldNotCheckFinding | undefined {
  if (coverage.mode === 'all') return undefined;
  return { ...couldNotCheck(probe, `all of the ${what}`, `read a sample: ${coverage.statement}`), coverage };
}
