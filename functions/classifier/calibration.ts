/**
 * Confidence calibration: the classifier's raw score (a noisy-or of rule weights) mapped to how
 * often a top answer with that score was right on the development cases (the dev corpus, the
 * field development split and retired held-out cases, never the held-out split). The map is an
 * isotonic step function fitted by pool-adjacent-violators over fixed score bins, each bin's
 * accuracy shrunk by a Beta prior towards the precision named answers had on cases nobody had
 * tuned on (the last held-out split scored blind). Development answers are right almost by
 * construction, since the rules were written from them, so on their own they would claim
 * certainty; and the raw score is no better a prior, as round 2 showed (held-out answers were right
 * far more often than their raw scores said: expected calibration error 0.09, all under-confident).
 * Stored as data (calibration-data.json), refitted with `npm run fit:calibration`.
 */
import data from './calibration-data.json';

export interface CalibrationStep {
  /** Lower bound (exclusive) of the raw scores this step covers. */
  readonly from: number;
  /** Upper bound (inclusive) of the raw scores this step covers. */
  readonly upTo: number;
  /** Observed accuracy of top answers in this step, smoothed towards the raw score. */
  readonly value: number;
  readonly cases: number;
}

export interface CalibrationMap {
  readonly fittedOn: readonly string[];
  readonly prior?: CalibrationPrior & { readonly basis: string };
  readonly steps: readonly CalibrationStep[];
}

/** What a bin's accuracy is shrunk towards, and with how many pseudo-cases. */
export interface CalibrationPrior {
  /** Precision of named answers on unseen cases (Laplace-smoothed). */
  readonly mean: number;
  /** Pseudo-cases: a bin with this many development answers is half data, half prior. */
  readonly weight: number;
}
/** Upper edges of the score bins the fit starts from. */
const BIN_EDGES = [0.6, 0.7, 0.8, 0.9, 0.95, 1];
/**
 * Raw scores up to this are weak evidence (client-side lines, one generic phrase): too few such
 * answers to learn from, and they must stay visibly weak, so they are never calibrated.
 */
export const CALIBRATED_ABOVE = 0.5;

/** Pool-adjacent-violators over (raw score, correct) pairs: a non-decreasing step function. */
export function fitIsotonic(
  pairs: readonly { raw: number; correct: boolean }[],
  prior: CalibrationPrior,
): CalibrationStep[] {
  const blocks: { from: number; upTo: number; hits: number; n: number }[] = [];
  let from = CALIBRATED_ABOVE;
  for (const upTo of BIN_EDGES) {
    const lower = from;
    from = upTo;
    const inBin = pairs.filter((p) => p.raw > lower && p.raw <= upTo);
    if (inBin.length === 0) continue;
    blocks.push({
      from: lower,
      upTo,
      hits: inBin.filter((p) => p.correct).length,
      n: inBin.length,
    });
    while (blocks.length >= 2) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (last === undefined || prev === undefined || prev.hits / prev.n <= last.hits / last.n) break;
      blocks.splice(blocks.length - 2, 2, {
        from: prev.from,
        upTo: last.upTo,
        hits: prev.hits + last.hits,
        n: prev.n + last.n,
      });
    }
  }
  let floor = 0;
  return blocks.map((b) => {
    // The prior can break monotony where a bin has one case: a higher score never maps lower.
    floor = Math.max(floor, (b.hits + prior.weight * prior.mean) / (b.n + prior.weight));
    return { from: b.from, upTo: b.upTo, value: Math.round(floor * 1000) / 1000, cases: b.n };
  });
}

/**
 * Apply a step function. Below the lowest fitted bin there were no development answers to learn
 * from, so the raw score stands (weak, client-only evidence stays weak).
 */
export function applyCalibration(raw: number, map: CalibrationMap = data): number {
  const first = map.steps[0];
  if (raw <= 0 || first === undefined || raw <= first.from) return raw;
  const step = map.steps.find((s) => raw <= s.upTo) ?? map.steps[map.steps.length - 1];
  return step === undefined ? raw : Math.max(0.01, Math.min(0.99, step.value));
}
