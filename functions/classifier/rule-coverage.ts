/**
 * Which log rules a real case exercises. Every rule should be backed by at least one real
 * development case (a line from the field it was written for); a rule no case fires is a guess
 * until one turns up. A rule counts as covered when its phrase matches a line of the case as the
 * classifier reads it (prefixes stripped, redacted), whether or not it decides the answer.
 */
import type { LabelledCase } from './accuracy';
import { integrationOf } from './accuracy';
import { findingsOfLogLines } from './classify';
import { buildContext } from './context';
import { matchLines } from './match';
import { CLASS_RULES } from './registry';

export interface RuleCoverage {
  readonly rule: string;
  /** Ids of the cases with a line the rule's phrase matches. */
  readonly cases: readonly string[];
}

/** Every log-pattern rule id, in registry order (signal rules have no static list). */
export function logRuleIds(): string[] {
  return [...new Set(CLASS_RULES.flatMap((r) => r.logPatterns.map((p) => p.id)))];
}

export function ruleCoverage(cases: readonly LabelledCase[]): RuleCoverage[] {
  const byRule = new Map<string, string[]>(logRuleIds().map((id) => [id, []]));
  for (const c of cases) {
    const integration = integrationOf(c.integration);
    const context = buildContext(findingsOfLogLines(c.log_lines), integration);
    const cited = new Set(matchLines(context.lines, CLASS_RULES, context.integration).map((s) => s.evidence.rule));
    for (const rule of cited) byRule.get(rule)?.push(c.id);
  }
  return [...byRule].map(([rule, ids]) => ({ rule, cases: ids }));
}
