/**
 * The accuracy benchmark, as a function the overall bench and the tests reuse: labelled cases in,
 * per-class precision/recall, overall accuracy (top class in the case's accept list) and the
 * confusion pairs out. Reading files is the caller's business.
 */
import type { IntegrationHint, RootCauseClass } from '../types';
import { INTEGRATION_HINTS, ROOT_CAUSE_CLASSES } from '../types';
import { classifyLogLines } from './classify';

/** One labelled case, the shape of test/fixtures/classifier/dev-cases.jsonl. */
export interface LabelledCase {
  readonly id: string;
  readonly log_lines: readonly string[];
  /** An IntegrationHint, or "unknown". */
  readonly integration?: string | null;
  /** Acceptable classes, the first preferred. */
  readonly accept: readonly RootCauseClass[];
  readonly source?: string;
  /** "rest", "http" or "unknown" (field cases). */
  readonly api_kind?: string;
  /** issue | aws-kc | aws-docs | repost | blog | repo-file | commit | vendor-docs (field cases). */
  readonly source_type?: string;
}

export interface CaseResult {
  readonly id: string;
  readonly expected: RootCauseClass;
  readonly accept: readonly RootCauseClass[];
  readonly predicted: RootCauseClass;
  readonly confidence: number;
  readonly correct: boolean;
  /** The labelled API kind ("rest", "http", "unknown") and what the classifier inferred. */
  readonly apiKind: string;
  readonly inferredApiKind?: string;
}

export interface ClassStats {
  readonly class: RootCauseClass;
  readonly support: number;
  readonly predicted: number;
  readonly truePositives: number;
  readonly precision: number | null;
  readonly recall: number | null;
}

export interface AccuracyReport {
  readonly cases: number;
  readonly correct: number;
  /** Null for a split with no cases (a new round's held-out split before its batch is added). */
  readonly accuracy: number | null;
  readonly perClass: readonly ClassStats[];
  /** "expected → predicted" with counts, for the wrong answers. */
  readonly confusion: readonly {
    readonly expected: RootCauseClass;
    readonly predicted: RootCauseClass;
    readonly count: number;
    readonly ids: readonly string[];
  }[];
  readonly results: readonly CaseResult[];
}

/** The corpus names an AWS service integration "aws-service"; classify's hint for it is "aws". */
const CORPUS_INTEGRATION_NAMES: Readonly<Record<string, IntegrationHint>> = { 'aws-service': 'aws' };

export function integrationOf(value: string | null | undefined): IntegrationHint | undefined {
  const named = CORPUS_INTEGRATION_NAMES[value ?? ''];
  if (named !== undefined) return named;
  return (INTEGRATION_HINTS as readonly string[]).includes(value ?? '') ? (value as IntegrationHint) : undefined;
}

/** Parse JSON lines of labelled cases; blank lines are skipped, a bad line names its number. */
export function parseCases(text: string, origin: string): LabelledCase[] {
  const out: LabelledCase[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new Error(`${origin}:${i + 1}: not JSON (${(error as Error).message})`, { cause: error });
    }
    const c = row as { id?: unknown; log_lines?: unknown; accept?: unknown };
    if (typeof c.id !== 'string' || !Array.isArray(c.log_lines) || !Array.isArray(c.accept) || c.accept.length === 0) {
      throw new Error(`${origin}:${i + 1}: expected {id, log_lines[], accept[]}`);
    }
    const accept = c.accept as unknown[];
    const unknownClass = accept.find((a) => !(ROOT_CAUSE_CLASSES as readonly unknown[]).includes(a));
    if (unknownClass !== undefined)
      throw new Error(`${origin}:${i + 1}: unknown class ${JSON.stringify(unknownClass)}`);
    out.push(row as LabelledCase);
  });
  return out;
}

export function evaluateCase(c: LabelledCase, options: { uncalibrated?: boolean } = {}): CaseResult {
  const integration = integrationOf(c.integration);
  // The API kind is not passed: the bench measures the inference `classify` does without --api-kind.
  const result = classifyLogLines(c.log_lines, {
    ...(integration === undefined ? {} : { integration }),
    ...(options.uncalibrated === true ? { uncalibrated: true } : {}),
  });
  return {
    id: c.id,
    expected: c.accept[0] ?? 'UNKNOWN',
    accept: c.accept,
    predicted: result.class,
    confidence: result.confidence,
    correct: c.accept.includes(result.class),
    apiKind: c.api_kind ?? 'unknown',
    ...(result.apiKind === undefined ? {} : { inferredApiKind: result.apiKind.kind }),
  };
}

function ratio(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 1000) / 1000;
}

export function measureAccuracy(cases: readonly LabelledCase[]): AccuracyReport {
  return reportOf(cases.map((c) => evaluateCase(c)));
}

/** The report of results already evaluated (a union of splits needs no second classification). */
export function reportOf(results: readonly CaseResult[]): AccuracyReport {
  const perClass = ROOT_CAUSE_CLASSES.map((cls): ClassStats => {
    const support = results.filter((r) => r.expected === cls).length;
    const predicted = results.filter((r) => r.predicted === cls).length;
    // A prediction is a true positive for its class when the case accepts it.
    const truePositives = results.filter((r) => r.predicted === cls && r.correct).length;
    const recalled = results.filter((r) => r.expected === cls && r.correct).length;
    return {
      class: cls,
      support,
      predicted,
      truePositives,
      precision: ratio(truePositives, predicted),
      recall: ratio(recalled, support),
    };
  }).filter((s) => s.support > 0 || s.predicted > 0);
  const pairs = new Map<
    string,
    { expected: RootCauseClass; predicted: RootCauseClass; count: number; ids: string[] }
  >();
  for (const r of results.filter((x) => !x.correct)) {
    const key = `${r.expected}→${r.predicted}`;
    const pair = pairs.get(key) ?? { expected: r.expected, predicted: r.predicted, count: 0, ids: [] };
    pair.count += 1;
    pair.ids.push(r.id);
    pairs.set(key, pair);
  }
  const correct = results.filter((r) => r.correct).length;
  return {
    cases: results.length,
    correct,
    accuracy: results.length === 0 ? null : Math.round((correct / results.length) * 1000) / 1000,
    perClass,
    confusion: [...pairs.values()].sort((a, b) => b.count - a.count),
    results,
  };
}

function cell(value: number | null): string {
  return value === null ? '   -' : value.toFixed(2).padStart(4);
}

/** The printed table: one row per class, then the confusion pairs. */
export function formatReport(title: string, report: AccuracyReport): string {
  const lines = [
    report.accuracy === null
      ? `${title}: no cases`
      : `${title}: ${report.correct}/${report.cases} correct, accuracy ${report.accuracy.toFixed(3)}`,
    `${'class'.padEnd(26)} support predicted precision recall`,
    ...report.perClass.map(
      (s) =>
        `${s.class.padEnd(26)} ${String(s.support).padStart(7)} ${String(s.predicted).padStart(9)} ${cell(s.precision).padStart(9)} ${cell(s.recall).padStart(6)}`,
    ),
    report.confusion.length === 0
      ? 'confusion pairs: none'
      : `confusion pairs:\n${report.confusion.map((p) => `  ${p.expected} → ${p.predicted} ×${p.count} (${p.ids.join(', ')})`).join('\n')}`,
  ];
  return lines.join('\n');
}
