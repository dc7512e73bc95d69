/**
 * Request and response bodies are described, not quoted: the API Gateway message of a data-trace
 * line stays, the body becomes its shape (keys, value types, sizes). A user who needs the values
 * opts in per API (`quoteBodies: true`); the values are then redacted by key and shape instead.
 */

/** REST execution-log data-trace lines that carry a body (INFO level with data tracing on). */
const DATA_TRACE =
  /^([\s\S]*?\b(?:Method request body before transformations|Endpoint request body after transformations|Endpoint response body before transformations|Method response body after transformations)\s*:[ \t]*)([\s\S]+)$/;

const MAX_KEYS = 20;
const MAX_DEPTH = 3;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `{email:string(20), items:array(3)[{sku:string(8)}]}`: no values, only their kinds and sizes. */
export function shapeOf(value: unknown, depth = 0): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const inner = /^\s*[{[]/.test(value) ? parseJson(value) : undefined;
    return inner !== undefined && typeof inner === 'object' && inner !== null && depth < MAX_DEPTH
      ? `json${shapeOf(inner, depth + 1)}`
      : `string(${value.length})`;
  }
  if (typeof value !== 'object') return typeof value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `array(${value.length})` : '{…}';
  if (Array.isArray(value)) {
    return value.length === 0 ? 'array(0)' : `array(${value.length})[${shapeOf(value[0], depth + 1)}]`;
  }
  const entries = Object.entries(value);
  const shown = entries.slice(0, MAX_KEYS).map(([k, v]) => `${k}:${shapeOf(v, depth + 1)}`);
  if (entries.length > MAX_KEYS) shown.push(`…${entries.length - MAX_KEYS} more`);
  return `{${shown.join(', ')}}`;
}

/** What a body is, without its values. */
export function describeBody(body: string): string {
  const bytes = Buffer.byteLength(body, 'utf8');
  const trimmed = body.trim();
  if (trimmed.startsWith('[body: ')) return trimmed;
  if (trimmed === '' || trimmed === 'null') return `[body: empty]`;
  const parsed = parseJson(trimmed);
  if (parsed !== undefined) return `[body: ${bytes} bytes, JSON ${shapeOf(parsed)}]`;
  if (/^[\w.%[\]-]+=[^&\s]*(?:&[\w.%[\]-]+=[^&\s]*)*$/.test(trimmed)) {
    const keys = trimmed.split('&').map((pair) => pair.split('=')[0] ?? '');
    return `[body: ${bytes} bytes, form {${keys.slice(0, MAX_KEYS).join(', ')}}]`;
  }
  const cut = /\[TRUNCATED\]\s*$/.test(trimmed) ? ', truncated by API Gateway' : '';
  if (/^[{[]/.test(trimmed)) {
    const keys = [...trimmed.matchAll(/\\*"([A-Za-z0-9_$@.-]{1,64})\\*"\s*:/g)].map((m) => m[1] ?? '');
    const unique = [...new Set(keys)].slice(0, MAX_KEYS);
    return `[body: ${bytes} bytes, JSON${cut} with keys {${unique.join(', ')}}]`;
  }
  if (/^\s*</.test(trimmed)) return `[body: ${bytes} bytes, XML/HTML${cut}]`;
  return `[body: ${bytes} bytes, text${cut}]`;
}

/** A data-trace line with its body described; any other text unchanged. */
export function summariseDataTrace(text: string): string {
  const m = DATA_TRACE.exec(text);
  if (m === null) return text;
  const [, message = '', body = ''] = m;
  if (body.startsWith('[body: ')) return text;
  return `${message}${describeBody(body)}`;
}
