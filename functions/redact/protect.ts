/**
 * The one boundary function: everything that leaves the responder or the CLI (messages, tickets,
 * webhook payloads, DynamoDB records, DLQ errors, logs, recordings, `diagnose --json`) goes
 * through `protect` once, with the deployment's options. Idempotent.
 */
import type { RedactionOptions } from './options';
import type { RedactionContext } from './structure';
import { redactJson, redactString } from './structure';

function contextOf(options: RedactionOptions, keep: readonly string[]): RedactionContext {
  return {
    summariseBodies: options.quoteBodies !== true,
    maskIps: (options.clientIps ?? 'mask') === 'mask',
    keep: new Set(keep),
  };
}

/**
 * A string or JSON-like value with every secret and personal datum hidden, bodies described unless
 * `quoteBodies`, client IPs masked unless `clientIps: 'keep'`. Keys in `keep` are left as they are.
 */
export function protect<T>(value: T, options: RedactionOptions = {}, keep: readonly string[] = []): T {
  const ctx = contextOf(options, keep);
  return (typeof value === 'string' ? redactString(value, ctx) : redactJson(value, ctx, 0, false)) as T;
}

/**
 * Secrets and personal data only (bodies quoted, IPs kept): what the probes apply to a log line as
 * they collect it, so the template and grouping work on clean text; the boundary applies the rest.
 */
export function redact(text: string): string {
  return protect(text, { quoteBodies: true, clientIps: 'keep' });
}

/** `redact` over a JSON-like value, structure and key names considered. */
export function redactDeep<T>(value: T, keep: readonly string[] = []): T {
  return protect(value, { quoteBodies: true, clientIps: 'keep' }, keep);
}
