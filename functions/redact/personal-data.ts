/**
 * Personal data recognisable by shape alone: e-mail addresses (also percent-encoded), phone
 * numbers and national identifiers.
 *
 * National ids, chosen because each has a fixed, documented shape that ordinary log content does
 * not take:
 * - US Social Security numbers: AAA-GG-SSSS with the same separator, never area 000, 666 or
 *   900-999, group 00 or serial 0000 (SSA's allocation rules).
 * - UK National Insurance numbers: two prefix letters (not D, F, I, Q, U, V; second not O), six
 *   digits, suffix A-D (HMRC's format).
 * Numbers without a separator or checksum (most other countries') are not guessed at: they look
 * like order ids and amounts. They are caught by key name instead (`ssn`, `nationalId`, ...).
 */
import { REDACTED_EMAIL, REDACTED_NATIONAL_ID, REDACTED_PHONE } from './markers';

const EMAIL =
  /[A-Za-z0-9._+-]+(?:%[0-9A-Fa-f]{2}[A-Za-z0-9._+-]*)*(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9]|-[A-Za-z0-9])/g;
const US_SSN = /(?<!\d|\d-)(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?!\d|-\d)/g;
const UK_NINO = /\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
/** International (+CC ...), North American ((415) 555-0132, 415-555-0132, 415.555.0132). */
const PHONE_INTL = /(?<!\d)\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){1,5}(?!\d)/g;
const PHONE_NANP = /(?<![\d(]|\d-)(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?!\d|-\d)/g;

function phoneLike(match: string): string {
  const digits = match.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15 ? REDACTED_PHONE : match;
}

export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL, REDACTED_EMAIL)
    .replace(US_SSN, REDACTED_NATIONAL_ID)
    .replace(UK_NINO, REDACTED_NATIONAL_ID)
    .replace(PHONE_INTL, phoneLike)
    .replace(PHONE_NANP, REDACTED_PHONE);
}
