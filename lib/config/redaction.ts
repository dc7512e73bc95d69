/**
 * What leaves the account, configured: `redaction.clientIps` for the deployment and `quoteBodies`
 * per API. Secrets and personal data are always redacted; these only choose how much evidence
 * around them stays readable.
 */
import type { ClientIpPolicy } from '../../functions/redact/options';
import { CLIENT_IP_POLICIES } from '../../functions/redact/options';
import { describe, isRecord, type Issues, type Untyped } from './issues';

/** The user-facing block, `redaction: { clientIps: 'keep' }`. */
export interface RedactionConfig {
  /**
   * Public client IP addresses in log examples: masked to their network (203.0.113.x), or kept.
   * @default 'mask'
   */
  readonly clientIps?: ClientIpPolicy;
}

/** Per API: quote request/response bodies (still redacted by key and shape) instead of describing their shape. */
export interface QuoteBodiesConfig {
  /** @default false: bodies are summarised (keys, value types, sizes), never quoted */
  readonly quoteBodies?: boolean;
}

export interface ResolvedRedaction {
  readonly clientIps: ClientIpPolicy;
}

export function validateRedaction(issues: Issues, path: string, input: unknown): ResolvedRedaction {
  if (input === undefined) return { clientIps: 'mask' };
  if (!isRecord(input)) {
    issues.add(path, `${describe(input)} is not an object`, "Use { clientIps: 'mask' | 'keep' } or remove it.");
    return { clientIps: 'mask' };
  }
  const block: Untyped = input;
  issues.unknownKeys(path, block, ['clientIps']);
  const clientIps = block.clientIps ?? 'mask';
  if (!(CLIENT_IP_POLICIES as readonly unknown[]).includes(clientIps)) {
    issues.add(
      `${path}.clientIps`,
      `${describe(clientIps)} is not a client IP policy`,
      `Use one of: ${CLIENT_IP_POLICIES.map((p) => `'${p}'`).join(', ')}.`,
    );
    return { clientIps: 'mask' };
  }
  return { clientIps: clientIps as ClientIpPolicy };
}

/** `apis[i].quoteBodies`; false when absent or wrong (the wrong value is reported). */
export function validateQuoteBodies(issues: Issues, path: string, value: unknown): boolean {
  return value !== undefined && issues.boolean(path, value) && value;
}
