/**
 * What the deployment trusts, handed to the responder by the stack (RESPONDER_CONFIG.trust): its
 * own account and region, the other accounts and regions the user listed for a cross-account or
 * multi-region EventBridge setup, alarms allowed by name outside this project's naming, and the
 * time window a state change must fall in. Pure data: no SDK here.
 */
import type { WatchedApiRuntime } from '../runtime-config';

/** Genuine events are at most this old: the DLQ keeps them 14 days, plus Lambda's 1 h of retries. */
export const DEFAULT_MAX_EVENT_AGE_HOURS = 14 * 24 + 2;
/** Clocks differ a little; a state change further in the future than this is invented. */
export const DEFAULT_MAX_CLOCK_SKEW_MINUTES = 5;

export interface TrustRuntimeConfig {
  /** The function's own account (the stack's). */
  readonly account: string;
  /** The function's own region (the stack's). */
  readonly region: string;
  /** Other accounts whose alarms are accepted (cross-account EventBridge). @default none */
  readonly trustedAccounts: readonly string[];
  /** Other regions whose alarms are accepted. @default none */
  readonly regions: readonly string[];
  /** Alarm names accepted although they are not this project's. @default none */
  readonly allowedAlarms: readonly string[];
  readonly maxEventAgeHours: number;
  readonly maxClockSkewMinutes: number;
}

/** What the gate checks a notification against. */
export interface TrustPolicy extends TrustRuntimeConfig {
  readonly watched: readonly WatchedApiRuntime[];
}

/** Only the deployment's own account and region, this project's alarms, the default window. */
export function ownTrust(account: string, region: string): TrustRuntimeConfig {
  return {
    account,
    region,
    trustedAccounts: [],
    regions: [],
    allowedAlarms: [],
    maxEventAgeHours: DEFAULT_MAX_EVENT_AGE_HOURS,
    maxClockSkewMinutes: DEFAULT_MAX_CLOCK_SKEW_MINUTES,
  };
}
