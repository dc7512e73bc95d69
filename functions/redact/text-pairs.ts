/**
 * Key/value pairs written as text, wherever the structure could not be parsed: truncated JSON
 * (`"password":"x` cut at 1024 bytes), escaped JSON (`\"token\":\"x\"`), JavaScript and Python
 * object dumps (`{ DB_PASSWORD: 'x' }`, `{'client_secret': 'x'}`), env dumps (`API_KEY=x`), YAML and
 * header lines (`Cookie: a=b; c=d`). The value of a sensitive key is hidden; the key stays.
 */
import { closingBracket } from './brackets';
import { MARKER, REDACTED } from './markers';
import { isSensitiveKey, normaliseKey } from './sensitive-keys';

/** An optionally quoted (and backslash-escaped) key, then `:` or `=`. */
const KEY = /(?<![A-Za-z0-9_.\\-])(\\*["']?)([A-Za-z_][A-Za-z0-9_.-]{0,63})\1(\s*)([:=])(\s*)/g;

/** Headers whose whole value, spaces included, is a credential. */
const WHOLE_LINE_KEYS = new Set(['authorization', 'proxyauthorization', 'cookie', 'setcookie', 'xamzsecuritytoken']);
const SCHEME = /^(?:bearer|basic|digest|token|negotiate|ntlm|aws4-hmac-sha256)\s/i;

/** End (exclusive) of a quoted value opened by `open` (`"`, `\\"`, `'`...); the text's end when cut off. */
function quotedEnd(text: string, from: number, open: string): number {
  for (let at = from; ;) {
    const found = text.indexOf(open, at);
    if (found === -1) return text.length;
    // Preceded by one more backslash, it is a quote of a deeper escaping level: part of the value.
    if (text[found - 1] !== '\\') return found;
    at = found + 1;
  }
}

/** [start, end) of the value that starts at `from`. */
function valueSpan(text: string, from: number, key: string): { start: number; end: number } | undefined {
  const rest = text.slice(from);
  const quote = /^\\*["']/.exec(rest);
  if (quote !== null) {
    const start = from + quote[0].length;
    return { start, end: quotedEnd(text, start, quote[0]) };
  }
  const first = rest[0];
  if (first === '{' || first === '[') {
    const close = closingBracket(text, from);
    return { start: from, end: close === -1 ? text.length : close + 1 };
  }
  if (WHOLE_LINE_KEYS.has(normaliseKey(key)) || SCHEME.test(rest)) {
    const stop = /\n|"|\}|, (?=[A-Za-z0-9-]+[=:])/.exec(rest);
    return { start: from, end: from + (stop === null ? rest.length : stop.index) };
  }
  const run = /^[^\s,;&}\]"'\\]+/.exec(rest);
  return run === null ? undefined : { start: from, end: from + run[0].length };
}

export function redactPairs(text: string): string {
  let out = '';
  let copied = 0;
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m !== null; m = KEY.exec(text)) {
    const [whole, quote = '', key = '', , sep, after = ''] = m;
    // "arn:aws:secretsmanager:..." and "host:port" are not pairs: a colon needs a quote or a space.
    if (sep === ':' && quote === '' && after === '') continue;
    if (!isSensitiveKey(key)) continue;
    const from = m.index + whole.length;
    const span = valueSpan(text, from, key);
    if (span === undefined || span.end <= span.start) continue;
    const value = text.slice(span.start, span.end);
    if (MARKER.test(value.slice(0, 14)) || /^(?:true|false|null|undefined|-)$/.test(value)) continue;
    out += text.slice(copied, span.start) + REDACTED;
    copied = span.end;
    KEY.lastIndex = Math.max(KEY.lastIndex, span.end);
  }
  return copied === 0 ? text : out + text.slice(copied);
}
