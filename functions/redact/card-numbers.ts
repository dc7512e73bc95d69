/**
 * Payment card numbers: 13 to 19 digits in any grouping (spaces or dashes), a card network's
 * leading digit (3 Amex/Diners/JCB, 4 Visa, 5 and 2 Mastercard, 6 Discover/UnionPay/Maestro) and a
 * valid Luhn check digit. The Luhn check keeps request counts, epoch milliseconds (leading 1) and
 * most other long numbers readable.
 */
import { REDACTED_CARD } from './markers';

const CANDIDATE = /(?<![A-Za-z0-9]|[A-Za-z0-9][-.])[2-6]\d{2,3}(?:[ -]?\d){9,15}(?![A-Za-z0-9]|[-.][A-Za-z0-9])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function redactCardNumbers(text: string): string {
  return text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? REDACTED_CARD : match;
  });
}
