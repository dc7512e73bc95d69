import { applyCalibration, fitIsotonic } from '../../../functions/classifier/calibration';
import { splitRows } from '../../../scripts/split-field-cases';

describe('confidence calibration', () => {
  it('maps a bin to its observed accuracy, shrunk towards the raw score, and never decreases', () => {
    const pairs = [
      ...Array.from({ length: 10 }, (_, i) => ({ raw: 0.55, correct: i < 5 })),
      ...Array.from({ length: 10 }, () => ({ raw: 0.97, correct: true })),
    ];
    const steps = fitIsotonic(pairs);
    expect(steps[0]?.value).toBeCloseTo((5 + 10 * 0.55) / 20, 3);
    expect(steps.map((s) => s.value)).toEqual([...steps.map((s) => s.value)].sort((a, b) => a - b));
    const map = { fittedOn: [], steps };
    expect(applyCalibration(0.55, map)).toBeCloseTo(0.525, 3);
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
});
