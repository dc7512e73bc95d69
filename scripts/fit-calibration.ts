/**
 * `npm run fit:calibration`: fits the confidence calibration on the development cases only (the
 * dev corpus and the field development split; never the held-out split) and writes
 * functions/classifier/calibration-data.json. Last line: one JSON object with the fitted steps.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCase } from '../functions/classifier/accuracy';
import { fitIsotonic } from '../functions/classifier/calibration';
import { DEV_CASES_PATH, FIELD_DEV_PATH, loadDevCases, loadFieldCases } from '../test/fixtures/classifier/cases';

const OUT = join(__dirname, '..', 'functions', 'classifier', 'calibration-data.json');

function main(): void {
  const cases = [...loadDevCases(), ...loadFieldCases(FIELD_DEV_PATH)];
  // Only answers that name a class carry a confidence; UNKNOWN answers state none.
  const pairs = cases
    .map((c) => evaluateCase(c, { uncalibrated: true }))
    .filter((r) => r.predicted !== 'UNKNOWN')
    .map((r) => ({ raw: r.confidence, correct: r.correct }));
  const steps = fitIsotonic(pairs);
  const fittedOn = [DEV_CASES_PATH, FIELD_DEV_PATH].map((p) => p.slice(p.indexOf('test/fixtures')));
  writeFileSync(OUT, `${JSON.stringify({ fittedOn, steps }, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify({ cases: cases.length, named: pairs.length, steps })}\n`);
}

main();
