/**
 * Delivery to every configured destination, each isolated: one failing (or hanging) never stops
 * the others. Returns one result per notifier so the handler can retry only what failed.
 */
import type { DeliveryResult, DestinationName, DestinationRef, IncidentSummary, Notifier, SendContext } from '../types';
import { retry } from './retry';

export interface DeliverOptions {
  /** Epoch ms: no attempt starts or waits beyond it. */
  readonly deadline: number;
  /** Deliver only to these (the handler's retry of what failed); the others are reported skipped. */
  readonly only?: readonly DestinationName[];
  /** Attempts per destination. @default 4 */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Upper bound of one attempt. @default 10000 */
  readonly attemptTimeoutMs?: number;
  /** First backoff ceiling. @default 250 */
  readonly baseDelayMs?: number;
  /** 0..1 source for the jitter. @default Math.random */
  readonly random?: () => number;
  /** The event being sent, per destination (idempotency key, steps done). */
  readonly context?: (destination: DestinationName) => SendContext;
}

async function deliverOne(
  summary: IncidentSummary,
  notifier: Notifier,
  ref: DestinationRef | undefined,
  options: DeliverOptions,
): Promise<DeliveryResult> {
  let attempt = 0;
  // Asked again on every attempt (the steps done so far); a retry after an attempt that timed out
  // or failed mid-way may find its message already there.
  const outcome = await retry((signal) => {
    const context = options.context?.(notifier.name);
    const resumed = attempt++ > 0;
    return notifier.send(
      summary,
      ref,
      signal,
      context === undefined ? undefined : { ...context, resumed: context.resumed || resumed },
    );
  }, options);
  if (outcome.ok) {
    return { destination: notifier.name, status: 'delivered', retries: outcome.retries, ref: outcome.value };
  }
  return { destination: notifier.name, status: 'failed', retries: outcome.retries, reason: outcome.error.message };
}

export async function deliverAll(
  summary: IncidentSummary,
  notifiers: readonly Notifier[],
  refs: Partial<Record<DestinationName, DestinationRef>>,
  options: DeliverOptions,
): Promise<DeliveryResult[]> {
  return Promise.all(
    notifiers.map(async (notifier): Promise<DeliveryResult> => {
      if (options.only !== undefined && !options.only.includes(notifier.name)) {
        return { destination: notifier.name, status: 'skipped', retries: 0, reason: 'not requested in this delivery' };
      }
      try {
        return await deliverOne(summary, notifier, refs[notifier.name], options);
      } catch (error) {
        // retry() never throws; this guards the contract against a future change.
        const reason = error instanceof Error ? error.message : String(error);
        return { destination: notifier.name, status: 'failed', retries: 0, reason };
      }
    }),
  );
}
