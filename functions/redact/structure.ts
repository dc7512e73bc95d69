/**
 * Structure-aware redaction: JSON values walked by key, and the structures embedded in text parsed
 * and walked the same way — JSON objects and arrays in a log line, JSON escaped inside a JSON string
 * (a proxy event's `body`, a logged event), any number of levels deep, and API Gateway's
 * `{key=value, ...}` map rendering of headers and parameters. What cannot be parsed (a line cut off
 * by API Gateway's truncation) falls back to key/value pairs in text, then every string to shapes.
 */
import { summariseDataTrace, describeBody } from './body-summary';
import { closingBracket } from './brackets';
import { maskClientIps } from './client-ips';
import { REDACTED } from './markers';
import { redactShapes } from './shapes';
import { isSensitiveKey, isSensitiveQueryKey } from './sensitive-keys';
import { redactPairs } from './text-pairs';

export interface RedactionContext {
  /** Describe data-trace bodies and `body` fields instead of quoting them. */
  readonly summariseBodies: boolean;
  readonly maskIps: boolean;
  /** Keys whose values are identifiers of the model, left exactly as they are. */
  readonly keep: ReadonlySet<string>;
}

/** Escaping levels and nesting beyond this are not parsed further (shapes still apply). */
const MAX_DEPTH = 8;
/** Longer texts skip the structure scan (quadratic on unbalanced brackets); shapes still apply. */
const MAX_SCAN = 200_000;

function parseObject(text: string): object | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `{Authorization=Basic x, Cookie=a=b; c=d, Date=Wed, 05 Oct 2022 ...}`: entries start at ", Key=". */
function redactMap(candidate: string, ctx: RedactionContext, depth: number): string {
  const entries = candidate.slice(1, -1).split(/, (?=[A-Za-z0-9_.-]+=)/);
  const out = entries.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) return redactString(entry, ctx, depth + 1);
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (value !== '' && isSensitiveQueryKey(key)) return `${key}=${REDACTED}`;
    return `${key}=${redactString(value, ctx, depth + 1)}`;
  });
  return `{${out.join(', ')}}`;
}

/** The replacement of one bracketed candidate, or undefined when it is no structure we read. */
function redactCandidate(candidate: string, ctx: RedactionContext, depth: number): string | undefined {
  const parsed = parseObject(candidate);
  if (parsed !== undefined) {
    const redacted = redactJson(parsed, ctx, depth + 1, false);
    const text = JSON.stringify(redacted);
    // Unchanged: keep the original text (formatting, and numbers JSON cannot hold exactly).
    return text === JSON.stringify(parsed) ? candidate : text;
  }
  if (candidate.includes('\\"')) {
    // One escaping level in plain text: `{\"password\":\"x\"}`.
    let unescaped: string | undefined;
    try {
      unescaped = JSON.parse(`"${candidate}"`) as string;
    } catch {
      unescaped = undefined;
    }
    const inner = unescaped === undefined ? undefined : redactCandidate(unescaped, ctx, depth + 1);
    if (inner !== undefined && inner !== unescaped) return JSON.stringify(inner).slice(1, -1);
    if (inner !== undefined) return candidate;
  }
  if (candidate.startsWith('{') && /^\{\s*[A-Za-z0-9_.-]+=/.test(candidate)) return redactMap(candidate, ctx, depth);
  return undefined;
}

/** Every structure embedded in the text, redacted in place. */
function redactEmbedded(text: string, ctx: RedactionContext, depth: number): string {
  if (text.length > MAX_SCAN || !/[{[]/.test(text)) return text;
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '{' && c !== '[') continue;
    const end = closingBracket(text, i);
    if (end === -1) continue;
    const replaced = redactCandidate(text.slice(i, end + 1), ctx, depth);
    if (replaced === undefined) continue;
    out += text.slice(copied, i) + replaced;
    copied = end + 1;
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** One string: bodies described, structures walked, pairs and shapes hidden, client IPs masked. */
export function redactString(text: string, ctx: RedactionContext, depth = 0): string {
  let out = ctx.summariseBodies ? summariseDataTrace(text) : text;
  if (depth <= MAX_DEPTH) out = redactPairs(redactEmbedded(out, ctx, depth));
  out = redactShapes(out);
  return ctx.maskIps ? maskClientIps(out) : out;
}

/** A JSON-like value walked by key: everything under a sensitive key hidden, every other string redacted. */
export function redactJson(value: unknown, ctx: RedactionContext, depth: number, sensitive: boolean): unknown {
  if (typeof value === 'string') {
    if (sensitive) return value === '' ? value : REDACTED;
    return redactString(value, ctx, depth);
  }
  if (typeof value === 'number' || typeof value === 'bigint') return sensitive ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactJson(item, ctx, depth, sensitive));
  if (value === null || typeof value !== 'object') return value;
  // An error carries its message (and the URL an HTTP client echoed) wherever it is serialised.
  if (value instanceof Error) return { name: value.name, message: redactString(value.message, ctx, depth) };
  // Binary and dates (a gzipped summary, a timestamp) are not text: left as they are.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (ctx.keep.has(key)) return [key, item];
      const name = redactShapes(key);
      if (ctx.summariseBodies && !sensitive && (key === 'body' || key === 'Body') && typeof item === 'string') {
        return [name, describeBody(item)];
      }
      return [name, redactJson(item, ctx, depth, sensitive || isSensitiveKey(key))];
    }),
  );
}
