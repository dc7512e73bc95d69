/** Small constructors the rule files share, so each rule reads as the facts it checks. */
import { redact } from '../redact';
import type { Evidence, RootCauseClass } from '../types';
import type { LogLine, RuleContext, Signal } from './rule';

/** How much a line from each source counts: client output is the weakest witness. */
export const SOURCE_FACTOR: Readonly<Record<LogLine['source'], number>> = {
  'execution-log': 1,
  'access-log': 0.95,
  'lambda-log': 0.9,
  unknown: 0.9,
  client: 0.75,
};

const MAX_TEXT = 300;

export function evidenceText(text: string): string {
  const clean = redact(text.replace(/\s+/g, ' ').trim());
  return clean.length <= MAX_TEXT ? clean : `${clean.slice(0, MAX_TEXT - 1)}…`;
}

export function signal(
  cls: RootCauseClass,
  rule: string,
  weight: number,
  source: Evidence['source'],
  text: string,
  extra: { count?: number; subCause?: string; line?: number; specific?: boolean } = {},
): Signal {
  return {
    class: cls,
    weight: Math.max(0, Math.min(1, weight)),
    evidence: {
      rule,
      source,
      text: evidenceText(text),
      ...(extra.count === undefined ? {} : { count: extra.count }),
    },
    ...(extra.subCause === undefined ? {} : { subCause: extra.subCause }),
    ...(extra.line === undefined ? {} : { line: extra.line }),
    ...(extra.specific === undefined ? {} : { specific: extra.specific }),
  };
}

/** A signal witnessed by one log line: its source, redacted example, count and index. */
export function lineSignal(
  cls: RootCauseClass,
  rule: string,
  weight: number,
  line: LogLine,
  extra: { subCause?: string; specific?: boolean } = {},
): Signal {
  return signal(cls, rule, weight, line.source, line.example, { count: line.count, line: line.index, ...extra });
}

/** Signals from the HTTP status lines report ("Method completed with status: 504", "< HTTP/2 429", access-log status). */
export function statusSignals(
  context: RuleContext,
  cls: RootCauseClass,
  rule: string,
  weight: number,
  matches: (status: number, line: LogLine) => boolean,
): Signal[] {
  return context.lines
    .filter((line) => line.status !== undefined && matches(line.status, line))
    .map((line) => lineSignal(cls, rule, weight * SOURCE_FACTOR[line.source], line));
}

/** Access-log lines whose field satisfies a predicate. */
export function fieldSignals(
  context: RuleContext,
  cls: RootCauseClass,
  rule: string,
  weight: number,
  matches: (fields: NonNullable<LogLine['fields']>, line: LogLine) => boolean,
  subCause?: string,
): Signal[] {
  return context.lines
    .filter((line) => line.fields !== undefined && matches(line.fields, line))
    .map((line) =>
      lineSignal(cls, rule, weight * SOURCE_FACTOR[line.source], line, subCause === undefined ? {} : { subCause }),
    );
}

export function is5xx(value: string | number | undefined): boolean {
  return value !== undefined && /^5\d{2}$/.test(String(value).trim());
}
