import { evaluateCase } from '../../../functions/classifier/accuracy';
import { loadDevCases, loadOwnCases } from '../../fixtures/classifier/cases';

// A new case is one line in test/fixtures/classifier/dev-cases.jsonl or test/fixtures/classifier/cases.jsonl.
const devCases = loadDevCases();
const ownCases = loadOwnCases();

describe('dev corpus (test/fixtures/classifier/dev-cases.jsonl)', () => {
  it('is present and not empty', () => {
    expect(devCases.length).toBeGreaterThan(0);
  });

  it.each(devCases.map((c) => [c.id, c] as const))('%s classifies into its accept list', (_id, c) => {
    const result = evaluateCase(c);

    expect({ id: c.id, predicted: result.predicted, correct: result.correct }).toEqual({
      id: c.id,
      predicted: expect.any(String),
      correct: true,
    });
  });
});

describe('own fixtures (test/fixtures/classifier/cases.jsonl)', () => {
  it('cover every root-cause class', () => {
    const classes = new Set(ownCases.map((c) => c.accept[0]));

    expect(classes.size).toBe(12);
  });

  it.each(ownCases.map((c) => [c.id, c] as const))('%s classifies into its accept list', (_id, c) => {
    const result = evaluateCase(c);

    expect({ id: c.id, predicted: result.predicted, correct: result.correct }).toEqual({
      id: c.id,
      predicted: expect.any(String),
      correct: true,
    });
  });
});
