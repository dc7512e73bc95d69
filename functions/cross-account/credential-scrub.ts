/**
 * The assumed credentials' exact values, taken out of whatever a diagnosis made of them. The
 * redactor hides credentials by shape on every way out (summaries, records, logs), but a probe's
 * error can echo the request it signed (an IncompleteSignatureException quotes the Authorization
 * header, a presigned URL carries X-Amz-Security-Token), and a token of a format the shapes do not
 * know would pass. The diagnosis is made clean at its source, by value, before anything reads it:
 * each value, and each start of one (a reason cut at its length limit keeps only the start).
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { REDACTED } from '../redact';

/** A value's start this long is the value (key ids are 20 characters, secrets 40, tokens hundreds). */
const KNOWN_START = 16;

export type Scrub = <T>(value: T) => T;

/** A function that returns its (JSON-shaped) argument without any of the credentials' values. */
export function credentialScrub(credentials: AwsCredentialIdentity): Scrub {
  const known = [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken].filter(
    (value): value is string => value !== undefined && value.length >= KNOWN_START,
  );
  return <T>(value: T): T => {
    const text = JSON.stringify(value);
    if (text === undefined || !known.some((k) => text.includes(k.slice(0, KNOWN_START)))) return value;
    // Credential values are base64 and [A-Z0-9]: JSON escapes none of their characters.
    return JSON.parse(known.reduce(withoutValue, text)) as T;
  };
}

/** `text` with every run that starts like `value` (at least KNOWN_START of it) replaced. */
function withoutValue(text: string, value: string): string {
  const start = value.slice(0, KNOWN_START);
  let out = '';
  let from = 0;
  for (let at = text.indexOf(start); at !== -1; at = text.indexOf(start, from)) {
    let end = at + start.length;
    while (end - at < value.length && text[end] === value[end - at]) end += 1;
    out += `${text.slice(from, at)}${REDACTED}`;
    from = end;
  }
  return out + text.slice(from);
}
