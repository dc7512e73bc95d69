/**
 * Drill-down: the whole execution trace of a few failing requests. The filtered read returns
 * only the failure lines; what the backend answered ("Endpoint response body before
 * transformations", "Received response. Status: ...") sits on the same request's other lines.
 * One FilterLogEvents per request id, bounded in time around its failure line.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient, FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { mapLimited } from '../concurrency';
import { requestIdPattern } from './filter-patterns';

export interface TraceRequest {
  readonly requestId: string;
  /** When its failure line was logged, epoch ms. */
  readonly at: number;
}

export interface TracesResult {
  readonly events: readonly FilteredLogEvent[];
  readonly traced: readonly string[];
  readonly calls: number;
  /** Requests whose trace could not be read (time ran out, the call failed). */
  readonly missed: number;
}

/** The newest failing requests, one per distinct failure line shape first, then the newest others. */
export function traceSample(
  failures: readonly { requestId?: string; at: number; shape: string }[],
  size: number,
): TraceRequest[] {
  const newest = [...failures]
    .filter((f): f is { requestId: string; at: number; shape: string } => f.requestId !== undefined)
    .sort((a, b) => b.at - a.at);
  const out: TraceRequest[] = [];
  const shapes = new Set<string>();
  for (const pass of [true, false]) {
    for (const f of newest) {
      if (out.length >= size) return out;
      if (out.some((o) => o.requestId === f.requestId)) continue;
      if (pass && shapes.has(f.shape)) continue;
      shapes.add(f.shape);
      out.push({ requestId: f.requestId, at: f.at });
    }
  }
  return out;
}

export async function readTraces(
  logs: Pick<CloudWatchLogsClient, 'send'>,
  params: {
    readonly logGroupName: string;
    readonly requests: readonly TraceRequest[];
    /** How far before its failure line a request may have started (the integration timeout). */
    readonly lookbackMs: number;
    readonly deadline: number;
    readonly signal?: AbortSignal;
  },
): Promise<TracesResult> {
  let missed = 0;
  let calls = 0;
  const traced: string[] = [];
  const pages = await mapLimited(params.requests, 3, async (r) => {
    const left = params.deadline - Date.now();
    if (left <= 0) {
      missed += 1;
      return [];
    }
    const signals = [AbortSignal.timeout(Math.ceil(left))];
    if (params.signal !== undefined) signals.push(params.signal);
    try {
      calls += 1;
      const page = await logs.send(
        new FilterLogEventsCommand({
          logGroupName: params.logGroupName,
          startTime: r.at - params.lookbackMs,
          endTime: r.at + 5_000,
          filterPattern: requestIdPattern(r.requestId),
          limit: 200,
          interleaved: true,
        }),
        { abortSignal: AbortSignal.any(signals) },
      );
      traced.push(r.requestId);
      // The re-check: a pattern the service ignored returns other requests' lines too.
      return (page.events ?? []).filter((e) => (e.message ?? '').includes(r.requestId));
    } catch (error) {
      if (params.signal?.aborted) throw error;
      missed += 1;
      return [];
    }
  });
  return { events: pages.flat(), traced, calls, missed };
}
