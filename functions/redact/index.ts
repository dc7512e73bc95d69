/**
 * Data protection: one module, one boundary function (`protect`). One concept per file:
 *   sensitive-keys.ts  key names that hold credentials or personal data, any case and separators
 *   shapes.ts          secrets by shape (tokens, keys, JWTs, schemes, query credentials)
 *   card-numbers.ts    payment cards (Luhn), personal-data.ts: e-mails, phones, national ids
 *   structure.ts       JSON, escaped JSON and `{k=v}` maps parsed and walked by key
 *   text-pairs.ts      key/value pairs in unparseable text
 *   body-summary.ts    bodies described by shape, not quoted
 *   client-ips.ts      public client IPs masked
 *   error-text.ts      error messages without URLs
 */
export { protect, redact, redactDeep } from './protect';
export type { ClientIpPolicy, RedactionOptions } from './options';
export { CLIENT_IP_POLICIES } from './options';
export { REDACTED, REDACTED_CARD, REDACTED_EMAIL, REDACTED_NATIONAL_ID, REDACTED_PHONE } from './markers';
export { isSensitiveKey } from './sensitive-keys';
export { safeError, safeErrorText } from './error-text';
