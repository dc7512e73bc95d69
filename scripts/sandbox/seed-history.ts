/**
 * Two weeks of API Gateway metrics for the backtest, lean enough for CI: traffic only two hours a
 * day (09:00-11:00 UTC) on the 13 whole days before today, for one REST API and one HTTP API, with
 * a few hand-placed failures whose alarm outcomes are counted by hand in the backtest test:
 *
 *   REST backtest-orders-api/prod, 100 requests/min, Latency 50 ms:
 *     day 3  09:30  10 minutes of 30 5XX/min         (a burst)
 *     day 8  10:00  1 minute of 40 5XX               (a single bad minute, not a burst)
 *     day 11 09:15  8 minutes of 6 5XX/min (6 %)     (a burst under the count threshold)
 *   HTTP bthist0001/$default, 40 requests/min, Latency 120 ms:
 *     day 5  10:00  4 minutes of Latency 8000 ms
 *     day 6  09:40  5 minutes of 12 5xx/min (30 %)   (a burst)
 */
import type { CloudWatchClient, MetricDatum } from '@aws-sdk/client-cloudwatch';
import { putMetrics } from './seed-metrics';

export const HISTORY_REST_API = 'backtest-orders-api';
export const HISTORY_HTTP_API_ID = 'bthist0001';

interface Spec {
  readonly dimensions: { Name: string; Value: string }[];
  readonly errorMetric: string;
  readonly requests: number;
  readonly latencyMs: number;
  readonly errors: (day: number, minuteOfBlock: number) => number;
  readonly latency: (day: number, minuteOfBlock: number) => number | undefined;
}

const at = (day: number, hh: number, mm: number) => (d: number, m: number) => d === day && m === (hh - 9) * 60 + mm;
const within = (day: number, hh: number, mm: number, minutes: number) => (d: number, m: number) =>
  d === day && m >= (hh - 9) * 60 + mm && m < (hh - 9) * 60 + mm + minutes;

const SPECS: readonly Spec[] = [
  {
    dimensions: [
      { Name: 'ApiName', Value: HISTORY_REST_API },
      { Name: 'Stage', Value: 'prod' },
    ],
    errorMetric: '5XXError',
    requests: 100,
    latencyMs: 50,
    errors: (d, m) => (within(3, 9, 30, 10)(d, m) ? 30 : at(8, 10, 0)(d, m) ? 40 : within(11, 9, 15, 8)(d, m) ? 6 : 0),
    latency: () => undefined,
  },
  {
    dimensions: [
      { Name: 'ApiId', Value: HISTORY_HTTP_API_ID },
      { Name: 'Stage', Value: '$default' },
    ],
    errorMetric: '5xx',
    requests: 40,
    latencyMs: 120,
    errors: (d, m) => (within(6, 9, 40, 5)(d, m) ? 12 : 0),
    latency: (d, m) => (within(5, 10, 0, 4)(d, m) ? 8000 : undefined),
  },
];

/** Day 0 is 13 days before today (UTC); the seeded days are 0..12, all inside a 14-day window. */
export function historyDayStart(nowMs: number, day: number): number {
  const today = Math.floor(nowMs / 86_400_000) * 86_400_000;
  return today - (13 - day) * 86_400_000;
}

export async function seedHistory(cloudWatch: Pick<CloudWatchClient, 'send'>, nowMs = Date.now()): Promise<number> {
  const data: MetricDatum[] = [];
  for (const spec of SPECS) {
    for (let day = 0; day < 13; day += 1) {
      const blockStart = historyDayStart(nowMs, day) + 9 * 3_600_000;
      for (let m = 0; m < 120; m += 1) {
        const Timestamp = new Date(blockStart + m * 60_000);
        const datum = (MetricName: string, Value: number, Unit: 'Count' | 'Milliseconds'): MetricDatum => ({
          MetricName,
          Dimensions: spec.dimensions,
          Timestamp,
          Value,
          Unit,
        });
        const latency = spec.latency(day, m) ?? spec.latencyMs;
        data.push(
          datum('Count', spec.requests, 'Count'),
          datum(spec.errorMetric, spec.errors(day, m), 'Count'),
          datum('Latency', latency, 'Milliseconds'),
        );
      }
    }
  }
  await putMetrics(cloudWatch, 'AWS/ApiGateway', data);
  return data.length;
}
