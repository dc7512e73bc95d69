import { parseRetryAfter } from '../../../functions/notify/http';
import { backoffDelay } from '../../../functions/notify/retry';

describe('backoffDelay', () => {
  it.each([
    [0, 1, 250],
    [1, 1, 500],
    [3, 1, 2000],
    [10, 1, 8000],
    [3, 0, 0],
    [3, 0.5, 1000],
  ])('retry %i with random %f waits %i ms', (retry, random, expected) => {
    expect(backoffDelay(retry, { baseDelayMs: 250, maxDelayMs: 8000, random: () => random })).toBe(expected);
  });

  it('treats Retry-After as a floor', () => {
    expect(
      backoffDelay(0, { baseDelayMs: 250, maxDelayMs: 8000, random: () => 1, retryAfterMs: 3000 }),
    ).toBeGreaterThanOrEqual(3000);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    ['Wed, 01 May 2024 12:00:10 GMT', 10_000],
    ['soon', undefined],
    [null, undefined],
  ])('parses %p', (value, expected) => {
    expect(parseRetryAfter(value, Date.parse('2024-05-01T12:00:00Z'))).toBe(expected);
  });
});
