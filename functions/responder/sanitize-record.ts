/**
 * Per-record isolation: what the store can never hold is made holdable before it is stored, and
 * what it still rejects for good is told apart from a passing outage.
 *
 * DynamoDB rejects strings that are not valid UTF-8 (a lone surrogate, as a hostile or broken
 * alarm name can carry) and key values over 2048 bytes; CloudWatch's own fields are far shorter
 * (alarm names at most 255 characters). Every string of the incident is made well-formed (lone
 * surrogates become U+FFFD) and cut to a bound with a visible marker.
 */
import type { Incident } from '../types';

/** Longest string kept from an alarm notification; the alarm reason and description are the long ones. */
export const MAX_FIELD_CHARS = 1024;
/** Key parts (API name, id, stage) end up in the incident record's partition key. */
export const MAX_KEY_PART_CHARS = 256;
export const TRUNCATED_MARKER = '…[truncated]';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanString(value: string, max: number): string {
  const wellFormed = value.replace(LONE_SURROGATE, '\uFFFD');
  if (wellFormed.length <= max) return wellFormed;
  // Never cut a surrogate pair in half.
  let cut = max - TRUNCATED_MARKER.length;
  if (/[\uD800-\uDBFF]/.test(wellFormed.charAt(cut - 1))) cut -= 1;
  return `${wellFormed.slice(0, cut)}${TRUNCATED_MARKER}`;
}

function clean(value: unknown, max: number, changed: string[], path: string): unknown {
  if (typeof value === 'string') {
    const cleaned = cleanString(value, max);
    if (cleaned !== value) changed.push(path);
    return cleaned;
  }
  if (Array.isArray(value)) return value.map((v, i) => clean(v, max, changed, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const keyPart = path === 'api' && (k === 'name' || k === 'id' || k === 'stage');
        return [k, clean(v, keyPart ? MAX_KEY_PART_CHARS : max, changed, path === '' ? k : `${path}.${k}`)];
      }),
    );
  }
  return value;
}

/** The incident with every string well-formed and bounded, and the fields that had to change. */
export function sanitizeIncident(incident: Incident): { incident: Incident; changed: string[] } {
  const changed: string[] = [];
  const cleaned = clean(incident, MAX_FIELD_CHARS, changed, '') as Incident;
  return { incident: changed.length === 0 ? incident : cleaned, changed };
}

/** Errors a store raises for a value it will never accept: retrying the record cannot help. */
const PERMANENT = new Set([
  'ValidationException',
  'SerializationException',
  'ItemCollectionSizeLimitExceededException',
  'RecordRejectedError',
]);

/** True when the error is the store rejecting this record for good (not an outage, throttle or race). */
export function isPermanentRecordError(error: unknown): boolean {
  return error instanceof Error && PERMANENT.has(error.name);
}
