import { applyCalibration, fitIsotonic } from '../../../functions/classifier/calibration';
import { heldOutShareOf, splitRows, TEST_ONLY_BATCHES } from '../../../scripts/split-field-cases';

describe('confidence calibration', () => {
  it('maps a bin to its observed accuracy, shrunk towards the prior, and never decreases', () => {
    const pairs = [
      ...Array.from({ length: 10 }, (_, i) => ({ raw: 0.55, correct: i < 5 })),
      ...Array.from({ length: 10 }, () => ({ raw: 0.97, correct: true })),
      ...Array.from({ length: 3 }, () => ({ raw: 0.85, correct: false })),
    ];
    const steps = fitIsotonic(pairs, { mean: 0.9, weight: 10 });
    expect(steps[0]?.value).toBeCloseTo((5 + 10 * 0.9) / (13 + 10), 3);
    // The three wrong answers at 0.85 pool with the bin below (accuracy may not fall with the score).
    expect(steps).toHaveLength(2);
    expect(steps[0]?.cases).toBe(13);
    expect(steps.map((s) => s.value)).toEqual([...steps.map((s) => s.value)].sort((a, b) => a - b));
    const map = { fittedOn: [], steps };
    expect(applyCalibration(0.55, map)).toBeCloseTo((5 + 9) / 23, 3);
    expect(applyCalibration(0.97, map)).toBeCloseTo((10 + 9) / 20, 3);
    // Below the lowest fitted bin there is nothing to learn from: the raw score stands.
    expect(applyCalibration(0.4, map)).toBe(0.4);
  });
});

describe('field corpus split', () => {
  it('is deterministic for a seed and holds out 30%', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `r${i}`);
    const [dev, heldOut] = splitRows(rows, 7);
    expect(heldOut).toHaveLength(6);
    expect(new Set([...dev, ...heldOut]).size).toBe(20);
    expect(splitRows(rows, 7)).toEqual([dev, heldOut]);
    expect(splitRows(rows, 8)[1]).not.toEqual(heldOut);
  });

  it('holds out a test-only batch whole and 30% of any other', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `r${i}`);
    expect(heldOutShareOf('field-cases-batch2.jsonl')).toBe(0.3);
    expect(TEST_ONLY_BATCHES).toContain('field-cases-batch10.jsonl');
    for (const batch of TEST_ONLY_BATCHES) {
      const [dev, heldOut] = splitRows(rows, 7, heldOutShareOf(batch));
      expect(dev).toEqual([]);
      expect(heldOut).toHaveLength(20);
    }
  });
});
