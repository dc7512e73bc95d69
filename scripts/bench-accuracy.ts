/**
 * `npm run bench:accuracy`: the classifier over test/fixtures/classifier/dev-cases.jsonl and the
 * project's own fixtures. Prints the per-class table and confusion pairs; the last line is one
 * JSON object {"accuracy", "cases", "correct", ...}. Exit 1 when a case is wrong.
 */
import type { AccuracyReport } from '../functions/classifier/accuracy';
import { formatReport, measureAccuracy } from '../functions/classifier/accuracy';
import { loadDevCases, loadOwnCases } from '../test/fixtures/classifier/cases';

export interface AccuracyBenchResult {
  readonly dev: AccuracyReport;
  readonly own: AccuracyReport;
  readonly all: AccuracyReport;
}

/** Runs the benchmark without printing; the overall bench calls this. */
export function runAccuracyBench(): AccuracyBenchResult {
  const dev = loadDevCases();
  const own = loadOwnCases();
  return { dev: measureAccuracy(dev), own: measureAccuracy(own), all: measureAccuracy([...dev, ...own]) };
}

function main(): number {
  let result: AccuracyBenchResult;
  try {
    result = runAccuracyBench();
  } catch (error) {
    process.stderr.write(`bench:accuracy: ${(error as Error).message}\n`);
    return 2;
  }
  console.log(formatReport('dev corpus (test/fixtures/classifier/dev-cases.jsonl)', result.dev));
  console.log('');
  console.log(formatReport('own fixtures (test/fixtures/classifier/cases.jsonl)', result.own));
  console.log('');
  console.log(formatReport('all', result.all));
  console.log(
    JSON.stringify({
      accuracy: result.all.accuracy,
      cases: result.all.cases,
      correct: result.all.correct,
      dev: { accuracy: result.dev.accuracy, cases: result.dev.cases, correct: result.dev.correct },
      own: { accuracy: result.own.accuracy, cases: result.own.cases, correct: result.own.correct },
    }),
  );
  return result.all.correct === result.all.cases ? 0 : 1;
}

if (require.main === module) process.exitCode = main();
