/**
 * Grouping log lines by template into findings (reading them is log-reading/'s concern).
 */
import { templateOf, requestIdOf } from '../logs/template';
import { redact } from '../redact';
import type { LogSource, LogTemplateFinding, ProbeName } from '../types';

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
