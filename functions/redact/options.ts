/** How much the boundary hides: set per deployment (client IPs) and per API (bodies). */
export type ClientIpPolicy = 'mask' | 'keep';

export const CLIENT_IP_POLICIES = ['mask', 'keep'] as const satisfies readonly ClientIpPolicy[];

export interface RedactionOptions {
  /** Public client IP addresses: masked to their network, or kept. @default 'mask' */
  readonly clientIps?: ClientIpPolicy;
  /** Quote request/response bodies (redacted) instead of describing their shape. @default false */
  readonly quoteBodies?: boolean;
}
