/**
 * Whose alarms the responder trusts, and when (see docs/trust-boundary.md). By default: this
 * deployment's account and region, this project's alarms, state changes at most 14 days + 2 h old
 * (the dead-letter queue's retention plus Lambda's retries) and at most 5 minutes in the future.
 */
import { DEFAULT_MAX_CLOCK_SKEW_MINUTES, DEFAULT_MAX_EVENT_AGE_HOURS } from '../../functions/provenance/trust-policy';
import { describe, isRecord, type Issues, type Untyped } from './issues';
import { stringList } from './string-list';

/** The user-facing settings, top level of the configuration. */
export interface TrustConfig {
  /**
   * Other AWS accounts whose alarms may reach the responder (an organisation-wide or cross-account
   * EventBridge bus). Their alarms' state is read in their CloudWatch through the account's read
   * role (`crossAccountRoles`); without one they are checked on their claims only. @default none
   */
  readonly trustedAccounts?: readonly string[];
  /** Other regions whose alarms may reach the responder. @default none */
  readonly regions?: readonly string[];
  /** Alarm names that are not this project's (apigw-responder|...) but are accepted anyway. @default none */
  readonly allowedAlarms?: readonly string[];
  /** How old or how far ahead a state change may be. @default { maxAgeHours: 338, maxClockSkewMinutes: 5 } */
  readonly eventWindow?: { readonly maxAgeHours?: number; readonly maxClockSkewMinutes?: number };
}

export interface ResolvedTrust {
  readonly trustedAccounts: readonly string[];
  readonly regions: readonly string[];
  readonly allowedAlarms: readonly string[];
  readonly maxEventAgeHours: number;
  readonly maxClockSkewMinutes: number;
}

export const TRUST_CONFIG_KEYS = ['trustedAccounts', 'regions', 'allowedAlarms', 'eventWindow'];

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ALARM_NAME = /^[^\p{Cc}]{1,255}$/u;

export function validateTrust(issues: Issues, input: Untyped): ResolvedTrust {
  const window: Untyped = isRecord(input.eventWindow) ? input.eventWindow : {};
  if (input.eventWindow !== undefined && !isRecord(input.eventWindow)) {
    issues.add(
      'eventWindow',
      `${describe(input.eventWindow)} is not an object`,
      'Use { maxAgeHours, maxClockSkewMinutes }.',
    );
  }
  issues.unknownKeys('eventWindow', window, ['maxAgeHours', 'maxClockSkewMinutes']);
  const maxAge = window.maxAgeHours ?? DEFAULT_MAX_EVENT_AGE_HOURS;
  const skew = window.maxClockSkewMinutes ?? DEFAULT_MAX_CLOCK_SKEW_MINUTES;
  return {
    trustedAccounts: stringList(issues, 'trustedAccounts', input.trustedAccounts, ACCOUNT, '12-digit AWS account ids'),
    regions: stringList(issues, 'regions', input.regions, REGION, 'region codes, e.g. eu-west-1'),
    allowedAlarms: stringList(issues, 'allowedAlarms', input.allowedAlarms, ALARM_NAME, 'CloudWatch alarm names'),
    maxEventAgeHours: issues.integer('eventWindow.maxAgeHours', maxAge, 1, 720) ? maxAge : DEFAULT_MAX_EVENT_AGE_HOURS,
    maxClockSkewMinutes: issues.integer('eventWindow.maxClockSkewMinutes', skew, 0, 60)
      ? skew
      : DEFAULT_MAX_CLOCK_SKEW_MINUTES,
  };
}
