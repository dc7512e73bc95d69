/**
 * Reading log groups and grouping lines. FilterLogEvents' pattern only narrows what comes back
 * (some emulators ignore OR patterns); every returned line is re-checked by the caller.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { templateOf, requestIdOf } from '../logs/template';
import { redact } from '../redact';
import type { LogSource, LogTemplateFinding, ProbeName } from '../types';
import type { AwsClients } from './clients';

export interface ReadLogsResult {
  readonly events: readonly FilteredLogEvent[];
  /** True when the page limit stopped the read before the end. */
  readonly truncated: boolean;
}

export async function readLogGroup(
  clients: AwsClients,
  params: { logGroupName: string; start: number; end: number; filterPattern?: string; maxPages: number },
): Promise<ReadLogsResult> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await clients.logs.send(
      new FilterLogEventsCommand({
        logGroupName: params.logGroupName,
        startTime: params.start,
        endTime: params.end,
        ...(params.filterPattern === undefined ? {} : { filterPattern: params.filterPattern }),
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken !== undefined && pages < params.maxPages);
  // Pages can overlap across streams: keep each event once, in time order.
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    const key = e.eventId ?? `${e.logStreamName}:${e.timestamp}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  return { events: unique, truncated: nextToken !== undefined };
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

const MAX_REQUEST_IDS = 5;

interface Group {
  template: string;
  count: number;
  example: string;
  requestIds: string[];
  first: number;
}

/**
 * Groups lines by message template (computed on the redacted line, so a replay of a redacted
 * recording groups identically), with counts, one redacted example and a few request ids each.
 * Most frequent first, ties by first appearance.
 */
export function groupLines(
  lines: readonly { message: string; requestId?: string }[],
  make: (g: { template: string; count: number; example: string; requestIds: string[] }) => LogTemplateFinding,
): LogTemplateFinding[] {
  const groups = new Map<string, Group>();
  lines.forEach((line, index) => {
    const safe = redact(line.message.trim());
    const template = templateOf(safe);
    const requestId = line.requestId ?? requestIdOf(safe);
    let group = groups.get(template);
    if (group === undefined) {
      group = { template, count: 0, example: safe, requestIds: [], first: index };
      groups.set(template, group);
    }
    group.count += 1;
    if (requestId !== undefined && group.requestIds.length < MAX_REQUEST_IDS && !group.requestIds.includes(requestId)) {
      group.requestIds.push(requestId);
    }
  });
  return [...groups.values()].sort((a, b) => b.count - a.count || a.first - b.first).map((g) => make(g));
}

export function logTemplateFinding(
  probe: ProbeName,
  source: LogSource,
  g: { template: string; count: number; example: string; requestIds: string[] },
  extra: { functionName?: string; fields?: Record<string, string>; summary?: string } = {},
): LogTemplateFinding {
  const where = extra.functionName === undefined ? source : `${source} of ${extra.functionName}`;
  return {
    type: 'log-template',
    probe,
    source,
    template: g.template,
    count: g.count,
    example: g.example,
    requestIds: g.requestIds,
    ...(extra.functionName === undefined ? {} : { functionName: extra.functionName }),
    ...(extra.fields === undefined ? {} : { fields: extra.fields }),
    summary: extra.summary ?? `${g.count} × ${where}: ${g.example.slice(0, 200)}`,
  };
}
