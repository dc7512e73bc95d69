/**
 * Raw lines → one LogTemplateFinding per (source, template), in order of first appearance, with
 * a count, a few request ids and one redacted example. This is how `classify` turns what a user
 * pasted into the findings the probes would have produced.
 */
import { redact } from '../redact';
import type { LogSource, LogTemplateFinding, ProbeName } from '../types';
import { parseLogLine } from './parse-line';
import { templateOf } from './template';

const MAX_EXAMPLE = 500;
const MAX_REQUEST_IDS = 5;

const PROBE_OF: Readonly<Record<LogSource, ProbeName>> = {
  'execution-log': 'execution-logs',
  'access-log': 'access-logs',
  'lambda-log': 'lambda-backend',
  client: 'execution-logs',
  unknown: 'execution-logs',
};

const SOURCE_LABEL: Readonly<Record<LogSource, string>> = {
  'execution-log': 'execution log',
  'access-log': 'access log',
  'lambda-log': 'function log',
  client: 'client output',
  unknown: 'log',
};

export function truncate(text: string, max = MAX_EXAMPLE): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface Group {
  source: LogSource;
  template: string;
  count: number;
  example: string;
  requestIds: string[];
  fields?: Readonly<Record<string, string>>;
}

export function groupLogLines(lines: readonly string[]): LogTemplateFinding[] {
  const groups = new Map<string, Group>();
  for (const raw of lines) {
    if (raw.trim() === '') continue;
    const parsed = parseLogLine(raw);
    const template = templateOf(raw);
    const key = `${parsed.source}\u0000${template}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        source: parsed.source,
        template,
        count: 0,
        example: truncate(redact(raw.trim())),
        requestIds: [],
        ...(parsed.fields === undefined ? {} : { fields: parsed.fields }),
      };
      groups.set(key, group);
    }
    group.count += 1;
    if (
      parsed.requestId !== undefined &&
      group.requestIds.length < MAX_REQUEST_IDS &&
      !group.requestIds.includes(parsed.requestId)
    ) {
      group.requestIds.push(parsed.requestId);
    }
  }
  return [...groups.values()].map((g) => ({
    type: 'log-template',
    probe: PROBE_OF[g.source],
    summary: `${g.count} ${SOURCE_LABEL[g.source]} line${g.count === 1 ? '' : 's'}: ${truncate(g.template, 160)}`,
    source: g.source,
    template: g.template,
    count: g.count,
    example: g.example,
    requestIds: g.requestIds,
    ...(g.fields === undefined ? {} : { fields: g.fields }),
  }));
}
