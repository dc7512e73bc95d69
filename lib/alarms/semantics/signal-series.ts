/**
 * From raw API Gateway series to the datapoints an alarm compares with its threshold: the same
 * formulas the stack's alarms use (alarm-rule.ts), evaluated here point by point.
 *
 * - sum:        the period's Sum, as is.
 * - rate:       the metric math `IF(requests >= MIN, 100 * FILL(errors, 0) / requests, 0)`
 *               (errorRateExpression in signal-alarms.ts). A period without a request datapoint has
 *               no value (metric math yields nothing where an input has nothing); a period with
 *               requests and no error datapoint is 0 % (FILL).
 * - percentile: the period's p99 as CloudWatch reports it. Where only finer periods are available
 *               (aggregate.ts) or the source serves no percentiles (the local emulator), the caller
 *               says what it approximated.
 */
import type { SignalFormula } from './alarm-rule';
import type { Datapoint } from './evaluate';

/** Raw series of one API stage, aligned on the same periods. */
export interface RawSeries {
  readonly serverErrors?: readonly Datapoint[];
  readonly clientErrors?: readonly Datapoint[];
  readonly requests?: readonly Datapoint[];
  readonly latency?: readonly Datapoint[];
  readonly integrationLatency?: readonly Datapoint[];
}

export function errorRate(errors: Datapoint, requests: Datapoint, minRequests: number): Datapoint {
  if (requests === undefined) return undefined;
  if (requests < minRequests) return 0;
  return (100 * (errors ?? 0)) / requests;
}

/** The signal's datapoint for every period of `length`. */
export function signalValues(formula: SignalFormula, raw: RawSeries, length: number): Datapoint[] {
  const at = (series: readonly Datapoint[] | undefined, i: number): Datapoint => series?.[i];
  return Array.from({ length }, (_, i) => {
    switch (formula.kind) {
      case 'sum':
        return at(raw[formula.metric], i);
      case 'rate':
        return errorRate(at(raw[formula.errors], i), at(raw.requests, i), formula.minRequests);
      case 'percentile':
        return at(raw[formula.metric], i);
    }
  });
}
