import type { FakeDestinations } from '../../../../scripts/sandbox/fake-destinations';
import { startFakeDestinations } from '../../../../scripts/sandbox/fake-destinations';

/** One fake server per test file, reset before each test. */
export function useFakeDestinations(options: Parameters<typeof startFakeDestinations>[0] = {}): () => FakeDestinations {
  let fake: FakeDestinations | undefined;
  beforeAll(async () => {
    fake = await startFakeDestinations(options);
  });
  beforeEach(() => fake?.reset());
  afterAll(async () => {
    await fake?.close();
  });
  return () => {
    if (fake === undefined) throw new Error('fake destinations not started');
    return fake;
  };
}

/** A deadline far enough away for tests that do not test it. */
export const later = (): number => Date.now() + 30_000;
