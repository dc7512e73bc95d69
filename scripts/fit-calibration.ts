/**
 * `npm run fit:calibration`: fits the confidence calibration on the development cases only (the
 * dev corpus, the field development split, the retired held-out cases of earlier rounds and the
 * targeted development cases; never the held-out split) and writes
 * functions/classifier/calibration-data.json. Last line: one JSON object with the fitted steps.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateCase } from '../functions/classifier/accuracy';
import { fitIsotonic } from '../functions/classifier/calibration';
import { DEVELOPMENT_PATHS, loadDevelopmentCases } from '../test/fixtures/classifier/cases';

const OUT = join(__dirname, '..', 'functions', 'classifier', 'calibration-data.json');

/**
 * Named answers on held-out splits scored blind, pooled over rounds: round 2's (33 cases, batches
 * 1-3) named a class 18 times, 17 right; round 3's batch 4 (29 cases) 21 times and batch 5 (11
 * cases) 4 times and batch 6 (8 cases) 5 times, all right; round 4's batch 7 (26 cases) 18 times and batch 8 (5 cases) twice, all
 * right. A round that scores its own held-out split adds its figures here for
 * the next fit.
 */
const BLIND = {
  named: 18 + 21 + 4 + 5 + 18 + 2,
  right: 17 + 21 + 4 + 5 + 18 + 2,
  basis:
    'held-out splits scored blind: round 2 17 of 18 named answers right, round 3 21 of 21, 4 of 4 and 5 of 5, round 4 18 of 18 and 2 of 2',
};
/** Pseudo-cases of the prior: a bin needs ten development answers to outweigh it. */
const PRIOR_WEIGHT = 10;

function main(): void {
  const cases = loadDevelopmentCases();
  // Only answers that name a class carry a confidence; UNKNOWN answers state none.
  const pairs = cases
    .map((c) => evaluateCase(c, { uncalibrated: true }))
    .filter((r) => r.predicted !== 'UNKNOWN')
    .map((r) => ({ raw: r.confidence, correct: r.correct }));
  const prior = { mean: (BLIND.right + 1) / (BLIND.named + 2), weight: PRIOR_WEIGHT };
  const steps = fitIsotonic(pairs, prior);
  const fittedOn = DEVELOPMENT_PATHS.map((p) => p.slice(p.indexOf('test/fixtures')));
  writeFileSync(OUT, `${JSON.stringify({ fittedOn, prior: { ...prior, basis: BLIND.basis }, steps }, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify({ cases: cases.length, named: pairs.length, prior, steps })}\n`);
}

main();
