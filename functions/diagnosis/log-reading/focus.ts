/**
 * Where in the window to read first: from a minute before the 5XX onset (metrics) to the end.
 * Failures cluster at the end of an incident window; the quiet start is read only with budget left.
 */
import type { Discovery } from '../discovery';

export const ONSET_MARGIN_MS = 60_000;

export interface Focus {
  /** Epoch ms to read from first; undefined when the metrics do not say. */
  readonly focusStart?: number;
  /** The window's 5XX count from metrics, when known (counts rest on it when logs are sampled). */
  readonly errors5xx?: number;
  /** The window's request count from metrics (an access log writes one line per request). */
  readonly requests?: number;
}

/** How long a log reader waits for the metrics before reading the whole window newest first. */
const METRICS_WAIT_MS = 3_000;

/** `deadline`: the probe's; the wait takes at most a quarter of the time left. */
export async function focusOf(discovery: Discovery, deadline: number): Promise<Focus> {
  const wait = Math.min(METRICS_WAIT_MS, Math.max(0, Math.floor((deadline - Date.now()) / 4)));
  let timer: NodeJS.Timeout | undefined;
  try {
    const metrics = await Promise.race([
      discovery.apiMetrics(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('metrics not ready')), wait);
      }),
    ]);
    const onset = metrics.onset === null ? undefined : Date.parse(metrics.onset);
    return {
      ...(onset === undefined || Number.isNaN(onset) ? {} : { focusStart: onset - ONSET_MARGIN_MS }),
      errors5xx: metrics.total5xx,
      requests: metrics.totalRequests,
    };
  } catch {
    // No metrics (or not yet): read the whole window newest first.
    return {};
  } finally {
    clearTimeout(timer);
  }
}
