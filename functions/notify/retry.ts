/**
 * The one retry helper: exponential backoff with full jitter, Retry-After honoured, every attempt
 * and every wait bounded by the caller's deadline. Never throws.
 */
import { asDeliveryError, DeliveryError } from './errors';

export interface RetryOptions {
  /** Epoch ms after which nothing more is attempted. */
  readonly deadline: number;
  /** @default 4 */
  readonly maxAttempts?: number;
  /** @default 250 */
  readonly baseDelayMs?: number;
  /** @default 8000 */
  readonly maxDelayMs?: number;
  /** Upper bound of one attempt, further capped by the deadline. @default 10000 */
  readonly attemptTimeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** 0..1, for the jitter. @default Math.random */
  readonly random?: () => number;
  readonly now?: () => number;
}

export type RetryOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly retries: number }
  | { readonly ok: false; readonly error: DeliveryError; readonly retries: number };

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** Full jitter: uniform in [0, min(max, base * 2^n)]; a Retry-After is a floor. */
export function backoffDelay(
  retry: number,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number; retryAfterMs?: number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  const jittered = Math.round(options.random() * ceiling);
  return options.retryAfterMs === undefined ? jittered : options.retryAfterMs + Math.round(jittered / 4);
}

async function attemptOnce<T>(attempt: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new DeliveryError(`attempt timed out after ${timeoutMs} ms`, { retryable: true }));
    }, timeoutMs);
  });
  try {
    // Racing the timer bounds attempts whose code ignores the signal.
    return await Promise.race([attempt(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function retry<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  options: RetryOptions,
): Promise<RetryOutcome<T>> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const baseDelayMs = options.baseDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;

  let lastError = new DeliveryError('deadline passed before the first attempt', { retryable: true });
  for (let n = 0; n < maxAttempts; n += 1) {
    const remaining = options.deadline - now();
    if (remaining <= 0) {
      return { ok: false, error: n === 0 ? lastError : withDeadlineNote(lastError), retries: Math.max(0, n - 1) };
    }
    try {
      const value = await attemptOnce(attempt, Math.min(attemptTimeoutMs, remaining));
      return { ok: true, value, retries: n };
    } catch (error) {
      lastError = asDeliveryError(error);
    }
    if (!lastError.retryable || n === maxAttempts - 1) return { ok: false, error: lastError, retries: n };
    const delay = backoffDelay(n, { baseDelayMs, maxDelayMs, random, retryAfterMs: lastError.retryAfterMs });
    if (now() + delay >= options.deadline) {
      return { ok: false, error: withDeadlineNote(lastError, delay), retries: n };
    }
    await sleep(delay);
  }
  return { ok: false, error: lastError, retries: maxAttempts - 1 };
}

function withDeadlineNote(error: DeliveryError, delay?: number): DeliveryError {
  const wait = delay === undefined ? '' : ` (next attempt in ${delay} ms)`;
  return new DeliveryError(`${error.message}; gave up: deadline reached${wait}`, {
    retryable: true,
    retryAfterMs: error.retryAfterMs,
    status: error.status,
    cause: error,
  });
}
