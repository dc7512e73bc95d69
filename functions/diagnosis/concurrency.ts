/**
 * Bounded concurrency: a limiter per AWS service (so 200 backend functions never open 1,000
 * requests at once and exhaust the client's sockets) and a bounded map for fan-out. A task waiting
 * for a slot gives up when its signal aborts, so the deadline holds for queued calls too.
 */
import { abortReason } from './call-scope';

export interface Limiter {
  /** Runs `task` when a slot is free (and, with a minimum interval, not sooner than that after the last start). */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Tasks running now (tests and the bench read it). */
  readonly active: () => number;
}

export function createLimiter(maxConcurrent: number, minIntervalMs = 0): Limiter {
  let active = 0;
  let lastStart = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    active -= 1;
    waiting.shift()?.();
  };
  async function acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    if (active >= maxConcurrent) {
      await new Promise<void>((resolve, reject) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          const i = waiting.indexOf(wake);
          if (i >= 0) waiting.splice(i, 1);
          reject(abortReason(signal as AbortSignal));
        };
        waiting.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    active += 1;
    const wait = lastStart + minIntervalMs - Date.now();
    lastStart = Math.max(Date.now(), lastStart + minIntervalMs);
    if (wait > 0) {
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, wait);
          signal?.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              reject(abortReason(signal));
            },
            { once: true },
          );
        });
      } catch (error) {
        release();
        throw error;
      }
    }
  }
  return {
    async run(task, signal) {
      await acquire(signal);
      try {
        return await task();
      } finally {
        release();
      }
    },
    active: () => active,
  };
}

/** Maps `items` with at most `limit` calls of `fn` in flight, results in input order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
