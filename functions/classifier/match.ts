/**
 * Log phrases → signals. Every pattern of every rule is tried on every line; then, per line, a
 * specific phrase of one class drops the generic matches of the other classes on that line
 * ("customer function error: Task timed out after 3.00 seconds" is a timeout, not a crash).
 */
import type { IntegrationHint } from '../types';
import type { ClassRule, LogLine, LogPattern, Signal } from './rule';
import { SOURCE_FACTOR, signal } from './signal';

function integrationAllows(pattern: LogPattern, integration: IntegrationHint | undefined): boolean {
  if (pattern.integrations !== undefined) {
    return integration !== undefined && pattern.integrations.includes(integration);
  }
  return integration === undefined || pattern.notIntegrations?.includes(integration) !== true;
}

function applies(pattern: LogPattern, line: LogLine, integration: IntegrationHint | undefined): boolean {
  if (pattern.sources !== undefined && !pattern.sources.includes(line.source)) return false;
  if (pattern.notSources?.includes(line.source) === true) return false;
  if (!integrationAllows(pattern, integration)) return false;
  if (!pattern.pattern.test(line.text)) return false;
  if (pattern.with !== undefined && !pattern.with.test(line.text)) return false;
  if (pattern.unless?.test(line.text) === true) return false;
  return true;
}

/** `integration`: the integration type behind the lines, when known (patterns may depend on it). */
export function matchLines(
  lines: readonly LogLine[],
  rules: readonly ClassRule[],
  integration?: IntegrationHint,
): Signal[] {
  const out: Signal[] = [];
  for (const line of lines) {
    const onLine: Signal[] = [];
    for (const rule of rules) {
      for (const pattern of rule.logPatterns) {
        if (!applies(pattern, line, integration)) continue;
        onLine.push(
          signal(rule.class, pattern.id, pattern.weight * SOURCE_FACTOR[line.source], line.source, line.example, {
            count: line.count,
            line: line.index,
            specific: pattern.specific === true,
            ...(pattern.subCause === undefined ? {} : { subCause: pattern.subCause }),
          }),
        );
      }
    }
    out.push(...onLine);
  }
  return out;
}

/**
 * Per line: keep every signal of the classes that have a specific phrase on it and drop the
 * generic signals of the others. Signals without a line (metrics, config) are kept.
 */
export function applyClaims(signals: readonly Signal[]): Signal[] {
  const specificByLine = new Map<number, Set<string>>();
  for (const s of signals) {
    if (s.line === undefined || s.specific !== true) continue;
    const set = specificByLine.get(s.line) ?? new Set<string>();
    set.add(s.class);
    specificByLine.set(s.line, set);
  }
  const claimed = signals.filter((s) => {
    if (s.line === undefined || s.specific === true) return true;
    const specific = specificByLine.get(s.line);
    return specific === undefined || specific.has(s.class);
  });
  return strongestPerLine(claimed);
}

/**
 * One line is one witness: of several phrases of the same class on one line only the strongest
 * counts (carrying the sub-cause another phrase named), so a line is not counted twice.
 */
function strongestPerLine(signals: readonly Signal[]): Signal[] {
  const best = new Map<string, Signal>();
  const out: Signal[] = [];
  for (const s of signals) {
    if (s.line === undefined) {
      out.push(s);
      continue;
    }
    const key = `${s.class}:${s.line}`;
    const previous = best.get(key);
    if (previous === undefined) {
      best.set(key, s);
      continue;
    }
    const [strong, weak] = s.weight > previous.weight ? [s, previous] : [previous, s];
    const subCause = strong.subCause ?? weak.subCause;
    best.set(key, {
      ...strong,
      specific: strong.specific === true || weak.specific === true,
      ...(subCause === undefined ? {} : { subCause }),
    });
  }
  return [...out, ...best.values()];
}
