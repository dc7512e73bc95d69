/**
 * What a redacted value is replaced with. Each marker names what was there, so a reader knows why
 * the value is missing, and none matches any pattern of the redactor (redaction is idempotent).
 */
export const REDACTED = '[REDACTED]';
export const REDACTED_EMAIL = '[EMAIL]';
export const REDACTED_CARD = '[CARD]';
export const REDACTED_NATIONAL_ID = '[NATIONAL-ID]';
export const REDACTED_PHONE = '[PHONE]';

/** Any marker, to skip values already redacted. */
export const MARKER = /\[(?:REDACTED|EMAIL|CARD|NATIONAL-ID|PHONE)\]/;
