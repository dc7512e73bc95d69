/**
 * `npm run bench:accuracy`: the classifier over each labelled split — the dev corpus
 * (dev-cases.jsonl), the field corpus's development split (field-dev.jsonl), the held-out cases of
 * earlier rounds (field-retired.jsonl: scored blind there, development data since), the cases
 * collected on purpose to back a rule (field-dev-targeted.jsonl, never held out), the held-out
 * split (field-heldout.jsonl, never used to tune rules or the calibration) and the project's own
 * fixtures (cases.jsonl). For each: per-class precision/recall, confusion pairs, accuracy by API
 * kind, the reliability table and the expected calibration error; then the negatives check and the
 * cases per source type. The last line is one JSON object. Exit 1 when a dev-corpus or own-fixture
 * case is wrong (those are regression guards; the field splits are measured, not gated).
 */
import type { AccuracyReport, LabelledCase } from '../functions/classifier/accuracy';
import { formatReport, measureAccuracy, reportOf } from '../functions/classifier/accuracy';
import { formatCalibration, reliability } from '../functions/classifier/accuracy-calibration';
import type { RuleCoverage } from '../functions/classifier/rule-coverage';
import { ruleCoverage } from '../functions/classifier/rule-coverage';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCHES } from './split-field-cases';
import {
  FIELD_DEV_PATH,
  FIELD_HELDOUT_PATH,
  FIELD_RETIRED_PATH,
  FIELD_TARGETED_PATH,
  loadDevCases,
  loadDevelopmentCases,
  loadFieldCases,
  loadOwnCases,
} from '../test/fixtures/classifier/cases';

export interface AccuracyBenchResult {
  readonly dev: AccuracyReport;
  readonly fieldDev: AccuracyReport;
  readonly fieldRetired: AccuracyReport;
  readonly fieldTargeted: AccuracyReport;
  readonly fieldHeldOut: AccuracyReport;
  readonly own: AccuracyReport;
  readonly all: AccuracyReport;
  readonly fieldCases: readonly LabelledCase[];
  /** Which log rules the development cases (dev corpus, field-dev, retired, targeted) exercise. */
  readonly coverage: readonly RuleCoverage[];
}

/** Runs the benchmark without printing; the overall bench calls this. */
export function runAccuracyBench(): AccuracyBenchResult {
  const dev = loadDevCases();
  const own = loadOwnCases();
  const fieldDev = loadFieldCases(FIELD_DEV_PATH);
  const fieldRetired = loadFieldCases(FIELD_RETIRED_PATH);
  const fieldTargeted = loadFieldCases(FIELD_TARGETED_PATH);
  const fieldHeldOut = loadFieldCases(FIELD_HELDOUT_PATH);
  const reports = {
    dev: measureAccuracy(dev),
    fieldDev: measureAccuracy(fieldDev),
    fieldRetired: measureAccuracy(fieldRetired),
    fieldTargeted: measureAccuracy(fieldTargeted),
    fieldHeldOut: measureAccuracy(fieldHeldOut),
    own: measureAccuracy(own),
  };
  return {
    ...reports,
    all: reportOf(Object.values(reports).flatMap((r) => r.results)),
    fieldCases: [...fieldDev, ...fieldRetired, ...fieldTargeted, ...fieldHeldOut],
    coverage: ruleCoverage(loadDevelopmentCases()),
  };
}

/**
 * Negatives (a case whose preferred answer is UNKNOWN, or THROTTLING for a 429): the target is that
 * no other class is named with confidence ≥ 0.5.
 */
function negatives(report: AccuracyReport): { cases: number; violations: string[] } {
  const of = report.results.filter(
    (r) => r.expected === 'UNKNOWN' || (r.expected === 'THROTTLING' && r.accept.includes('UNKNOWN')),
  );
  const violations = of
    .filter((r) => !r.accept.includes(r.predicted) && r.confidence >= 0.5)
    .map((r) => `${r.id} → ${r.predicted} ${r.confidence}`);
  return { cases: of.length, violations };
}

function summary(report: AccuracyReport): Record<string, unknown> {
  const httpResults = report.results.filter((r) => r.apiKind === 'http');
  const neg = negatives(report);
  return {
    cases: report.cases,
    correct: report.correct,
    accuracy: report.accuracy,
    http: { cases: httpResults.length, correct: httpResults.filter((r) => r.correct).length },
    negatives: { cases: neg.cases, violations: neg.violations.length },
    ece: reliability(report.results).ece,
  };
}

/** Which collection batch each field case came from (batches are split one by one). */
function batchOfCase(): Map<string, string> {
  const out = new Map<string, string>();
  for (const batch of BATCHES) {
    const text = readFileSync(join(__dirname, '..', 'test', 'fixtures', 'classifier', batch), 'utf8');
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() !== '') out.set((JSON.parse(line) as { id: string }).id, batch);
    }
  }
  return out;
}

interface BatchScore {
  readonly cases: number;
  readonly correct: number;
  readonly http: { readonly cases: number; readonly correct: number };
}

/** "batch field-cases.jsonl: 30/37 (http 6/7)" per batch for one split. */
function perBatch(report: AccuracyReport, batchOf: ReadonlyMap<string, string>): Record<string, BatchScore> {
  const out: Record<string, BatchScore> = {};
  for (const batch of BATCHES) {
    const of = report.results.filter((r) => batchOf.get(r.id) === batch);
    const http = of.filter((r) => r.apiKind === 'http');
    out[batch] = {
      cases: of.length,
      correct: of.filter((r) => r.correct).length,
      http: { cases: http.length, correct: http.filter((r) => r.correct).length },
    };
  }
  return out;
}

function formatPerBatch(title: string, batches: Record<string, BatchScore>): string {
  return `${title} per batch: ${Object.entries(batches)
    .map(([batch, b]) => `${batch} ${b.correct}/${b.cases} (http ${b.http.correct}/${b.http.cases})`)
    .join('; ')}`;
}

function section(title: string, report: AccuracyReport): string {
  const neg = negatives(report);
  return [
    formatReport(title, report),
    formatCalibration(report),
    `negatives (UNKNOWN or 429 expected): ${neg.cases}, named another class at ≥ 0.5: ${neg.violations.length}${neg.violations.length === 0 ? '' : ` (${neg.violations.join(', ')})`}`,
  ].join('\n');
}

function main(): number {
  let result: AccuracyBenchResult;
  try {
    result = runAccuracyBench();
  } catch (error) {
    process.stderr.write(`bench:accuracy: ${(error as Error).message}\n`);
    return 2;
  }
  const bySourceType = new Map<string, number>();
  for (const c of result.fieldCases)
    bySourceType.set(c.source_type ?? '?', (bySourceType.get(c.source_type ?? '?') ?? 0) + 1);
  const byKind = new Map<string, number>();
  for (const c of result.fieldCases) byKind.set(c.api_kind ?? '?', (byKind.get(c.api_kind ?? '?') ?? 0) + 1);
  console.log(section('dev corpus (dev-cases.jsonl)', result.dev));
  console.log('');
  console.log(section('field development split (field-dev.jsonl)', result.fieldDev));
  console.log('');
  console.log(
    section(
      'retired held-out of earlier rounds (field-retired.jsonl, scored blind then, development data now)',
      result.fieldRetired,
    ),
  );
  console.log('');
  console.log(section('targeted development cases (field-dev-targeted.jsonl, never held out)', result.fieldTargeted));
  console.log('');
  console.log(section('field held-out split (field-heldout.jsonl, never tuned on)', result.fieldHeldOut));
  console.log('');
  console.log(section('own fixtures (cases.jsonl)', result.own));
  console.log('');
  const batchOf = batchOfCase();
  const devBatches = perBatch(result.fieldDev, batchOf);
  const retiredBatches = perBatch(result.fieldRetired, batchOf);
  const heldOutBatches = perBatch(result.fieldHeldOut, batchOf);
  console.log(formatPerBatch('field development split', devBatches));
  console.log(formatPerBatch('retired held-out', retiredBatches));
  console.log(formatPerBatch('field held-out split', heldOutBatches));
  const coverage = result.coverage;
  const uncovered = coverage.filter((c) => c.cases.length === 0).map((c) => c.rule);
  console.log(
    `log rules cited by a real development case: ${coverage.length - uncovered.length}/${coverage.length}${uncovered.length === 0 ? '' : `; none yet: ${uncovered.join(', ')}`}`,
  );
  console.log(`field cases per source type: ${[...bySourceType].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`field cases per API kind: ${[...byKind].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(
    JSON.stringify({
      accuracy: result.all.accuracy,
      cases: result.all.cases,
      correct: result.all.correct,
      dev: summary(result.dev),
      fieldDev: summary(result.fieldDev),
      fieldRetired: summary(result.fieldRetired),
      fieldTargeted: summary(result.fieldTargeted),
      fieldHeldOut: summary(result.fieldHeldOut),
      own: summary(result.own),
      fieldSourceTypes: Object.fromEntries(bySourceType),
      logRules: { total: coverage.length, uncovered },
      fieldBatches: { dev: devBatches, retired: retiredBatches, heldOut: heldOutBatches },
    }),
  );
  const guarded = result.dev.correct === result.dev.cases && result.own.correct === result.own.cases;
  return guarded ? 0 : 1;
}

if (require.main === module) process.exitCode = main();
