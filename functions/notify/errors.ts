/** Errors of the notify package: one root class, subclasses set `name` and take `{ cause }`. */
import { safeErrorText } from '../redact';

/**
 * Messages are made safe here, once, for every subclass: they end up in logs, in the event record
 * and in the DLQ, and an HTTP client or a secret parser may have put a URL or a token in them.
 */
export class NotifyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(safeErrorText(message), options);
    this.name = 'NotifyError';
  }
}

export interface DeliveryErrorOptions {
  /** Whether another attempt can succeed (429, 5xx, network, timeout) or not (401, 400, bad config). */
  readonly retryable: boolean;
  /** Server-requested wait (Retry-After) before the next attempt. */
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly cause?: unknown;
}

/** One failed attempt to deliver to a destination. Messages never carry secrets or full URLs. */
export class DeliveryError extends NotifyError {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(message: string, options: DeliveryErrorOptions) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.retryable = options.retryable;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** A destination is configured wrongly (malformed secret, unknown transition): retrying cannot help. */
export class DestinationConfigError extends DeliveryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { retryable: false, cause: options?.cause });
    this.name = 'DestinationConfigError';
  }
}

/** Anything thrown by a notifier, classified: unknown errors (network, DNS, aborts) are retryable. */
export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // The cause is dropped: its message is the unsafe original.
  return new DeliveryError(message, { retryable: true });
}
