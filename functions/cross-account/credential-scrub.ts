/**
 * The assumed credentials' exact values, taken out of whatever a diagnosis made of them. The
 * redactor hides credentials by shape on every way out (summaries, records, logs), but a probe's
 * error can echo the request it signed (an IncompleteSignatureException quotes the Authorization
 * header, a presigned URL carries X-Amz-Security-Token), and a token of a format the shapes do not
 * know would pass. The diagnosis is made clean at its source, by value, before anything reads it.
 *
 * The scrub must never make the redaction downstream worse (review 6 #3): `protect` recognises a
 * token by its start, so replacing only the start and leaving the body would hide the token from
 * it. A match therefore replaces the WHOLE run of token characters it starts (base64, base64url,
 * percent escapes, `\/`), never a part of one. It looks for each value as written, URL-encoded and
 * with `/` escaped, and for any start of it (a reason cut at its length limit keeps only the
 * start). Every STS token shares its first 16 characters, so another session's token in the text
 * matches too: it is then replaced whole, which is what `protect` would do with it anyway.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { REDACTED } from '../redact';

/** A value's start this long is taken as the value (key ids are 20 characters, secrets 40, tokens hundreds). */
const KNOWN_START = 16;

/** Characters that continue a credential as written in text: base64(url), percent escapes, `\/`. */
const TOKEN_CHAR = /[A-Za-z0-9/+=_%\\-]/;

export type Scrub = <T>(value: T) => T;

/** The starts to look for: each value as written, URL-encoded and with `/` escaped as `\/`. */
function startsOf(values: readonly string[]): string[] {
  const forms = values.flatMap((v) => [v, encodeURIComponent(v), v.replaceAll('/', '\\/')]);
  return [...new Set(forms.map((form) => form.slice(0, KNOWN_START)))];
}

/** `text` with every run of token characters that begins with one of `starts` replaced, whole. */
export function scrubText(text: string, starts: readonly string[]): string {
  let out = text;
  for (const start of starts) {
    for (let at = out.indexOf(start); at !== -1; at = out.indexOf(start, at + REDACTED.length)) {
      let end = at + start.length;
      while (end < out.length && TOKEN_CHAR.test(out[end]!)) end += 1;
      out = `${out.slice(0, at)}${REDACTED}${out.slice(end)}`;
    }
  }
  return out;
}

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** `value` with every string scrubbed; arrays and plain objects walked, anything else (numbers, Dates) kept as is. */
function scrubDeep(value: unknown, starts: readonly string[]): unknown {
  if (typeof value === 'string') return scrubText(value, starts);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, starts));
  if (typeof value === 'object' && value !== null && isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrubDeep(inner, starts)]));
  }
  return value;
}

/** The starts of the credentials' values to look for. */
function credentialStarts(credentials: AwsCredentialIdentity): string[] {
  const values = [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken].filter(
    (value): value is string => value !== undefined && value.length >= KNOWN_START,
  );
  return startsOf(values);
}

/** A function that returns its text without any of the credentials' values (for error messages). */
export function credentialTextScrub(credentials: AwsCredentialIdentity): (text: string) => string {
  const starts = credentialStarts(credentials);
  return (text) => scrubText(text, starts);
}

/** A function that returns its argument without any of the credentials' values (nor the rest of a token it starts). */
export function credentialScrub(credentials: AwsCredentialIdentity): Scrub {
  const starts = credentialStarts(credentials);
  return <T>(value: T): T => {
    const text = JSON.stringify(value);
    // Quick path: nothing to do unless a start appears somewhere (JSON escapes a `\` as `\\`, which still contains it).
    if (text === undefined || !starts.some((start) => text.includes(start.replaceAll('\\', '\\\\')))) return value;
    return scrubDeep(value, starts) as T;
  };
}
