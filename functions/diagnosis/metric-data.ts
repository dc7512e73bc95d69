/**
 * Paginated GetMetricData: the metrics and lambda-backend probes each ask for all their series in
 * as few requests as the 500-queries-per-call limit allows, and a bounded number of pages keeps
 * the call count predictable.
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';

/** Enough for a few hours of 1-minute points across every series a probe asks for. */
const MAX_PAGES = 3;

export async function getMetricData(
  cloudWatch: Pick<CloudWatchClient, 'send'>,
  request: {
    readonly start: Date;
    readonly end: Date;
    readonly queries: MetricDataQuery[];
    readonly ascending?: boolean;
  },
): Promise<MetricDataResult[]> {
  const results: MetricDataResult[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: request.start,
        EndTime: request.end,
        ...(request.ascending === true ? { ScanBy: 'TimestampAscending' } : {}),
        MetricDataQueries: request.queries,
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      }),
    );
    results.push(...(page.MetricDataResults ?? []));
    nextToken = page.NextToken;
    pages += 1;
  } while (nextToken !== undefined && pages < MAX_PAGES);
  return results;
}

/** GetMetricData accepts at most 500 queries per request. */
export const MAX_QUERIES_PER_CALL = 500;

/** Any number of queries in batches of at most 500, one after the other (calls stay predictable). */
export async function getMetricDataBatched(
  cloudWatch: Pick<CloudWatchClient, 'send'>,
  request: { readonly start: Date; readonly end: Date; readonly queries: MetricDataQuery[] },
): Promise<MetricDataResult[]> {
  const results: MetricDataResult[] = [];
  for (let i = 0; i < request.queries.length; i += MAX_QUERIES_PER_CALL) {
    results.push(
      ...(await getMetricData(cloudWatch, { ...request, queries: request.queries.slice(i, i + MAX_QUERIES_PER_CALL) })),
    );
  }
  return results;
}
