/**
 * The calibration half of the accuracy benchmark: a reliability table (confidence bins against
 * observed accuracy), the expected calibration error, and accuracy by API kind.
 */
import type { AccuracyReport, CaseResult } from './accuracy';

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly cases: number;
  readonly meanConfidence: number | null;
  readonly accuracy: number | null;
}

const EDGES = [0, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 1.0001];

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Only answers that name a class carry a confidence to check: an UNKNOWN answer states no
 * confidence (it is 0 by contract), so it is counted separately, not binned.
 */
export function reliability(results: readonly CaseResult[]): {
  bins: ReliabilityBin[];
  ece: number | null;
  named: number;
} {
  const named = results.filter((r) => r.predicted !== 'UNKNOWN');
  const bins = EDGES.slice(0, -1).map((from, i) => {
    const to = EDGES[i + 1] ?? 1;
    const inBin = named.filter((r) => r.confidence >= from && r.confidence < to);
    return {
      from,
      to: Math.min(1, to),
      cases: inBin.length,
      meanConfidence: mean(inBin.map((r) => r.confidence)),
      accuracy: mean(inBin.map((r) => (r.correct ? 1 : 0))),
    };
  });
  const ece =
    named.length === 0
      ? null
      : bins.reduce(
          (sum, b) => sum + (b.cases / named.length) * Math.abs((b.accuracy ?? 0) - (b.meanConfidence ?? 0)),
          0,
        );
  return { bins, ece: ece === null ? null : Math.round(ece * 1000) / 1000, named: named.length };
}

export function accuracyByApiKind(results: readonly CaseResult[]): { kind: string; cases: number; correct: number }[] {
  const kinds = [...new Set(results.map((r) => r.apiKind))].sort();
  return kinds.map((kind) => {
    const of = results.filter((r) => r.apiKind === kind);
    return { kind, cases: of.length, correct: of.filter((r) => r.correct).length };
  });
}

function pct(value: number | null): string {
  return value === null ? '   -' : value.toFixed(2);
}

export function formatCalibration(report: AccuracyReport): string {
  const { bins, ece, named } = reliability(report.results);
  const kindRows = accuracyByApiKind(report.results).map(
    (k) =>
      `  ${k.kind.padEnd(8)} ${k.correct}/${k.cases}${k.cases === 0 ? '' : ` (${((100 * k.correct) / k.cases).toFixed(0)}%)`}`,
  );
  const labelled = report.results.filter((r) => r.apiKind === 'rest' || r.apiKind === 'http');
  const inferredRight = labelled.filter((r) => r.inferredApiKind === r.apiKind).length;
  return [
    'accuracy by API kind:',
    ...kindRows,
    `API kind inferred right: ${inferredRight}/${labelled.length}`,
    `reliability (answers naming a class: ${named}; UNKNOWN answers: ${report.results.length - named})`,
    '  confidence   cases  mean-conf  accuracy',
    ...bins
      .filter((b) => b.cases > 0)
      .map(
        (b) =>
          `  ${b.from.toFixed(2)}-${b.to.toFixed(2)}  ${String(b.cases).padStart(5)}  ${pct(b.meanConfidence).padStart(9)}  ${pct(b.accuracy).padStart(8)}`,
      ),
    `expected calibration error: ${ece === null ? '-' : ece.toFixed(3)}`,
  ].join('\n');
}
