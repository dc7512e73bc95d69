/**
 * Server-side filter patterns that select failing requests (CloudWatch Logs filter-pattern
 * syntax, FilterAndPatternSyntax in the CloudWatch Logs guide): `?"term"` ORs quoted phrases,
 * `{ ... }` tests JSON fields (quoted values may use `*`), `[a, b, status=5*, ...]` tests the
 * fields of space-delimited lines. They only narrow what the service returns: the emulator
 * ignores OR, JSON and space-delimited patterns, and the service may refuse a pattern, so every
 * line is re-checked by the caller.
 */

/** API Gateway's own failure phrases in execution logs (not the per-request INFO lines). */
export const EXECUTION_ERROR_PHRASES = [
  'Execution failed',
  'Endpoint request timed out',
  'Method completed with status: 500',
  'Method completed with status: 502',
  'Method completed with status: 503',
  'Method completed with status: 504',
  'Lambda invocation failed',
  'Lambda execution failed',
  'Invalid permissions',
  'not authorized',
  'does not have permission',
  'Malformed',
  'Unable to transform',
  'Network error',
  'PKIX',
  'Rate Exceeded',
  'Authorizer error',
  'AuthorizerConfigurationException',
  'Could not parse policy',
  'payload size exceeded',
  'Output mapping refers',
  'internal error',
] as const;

/** Backend function lines that are evidence (START/END and plain REPORT lines are not). */
export const LAMBDA_ERROR_PHRASES = [
  'Task timed out',
  'Status: timeout',
  'Status: error',
  'errorType',
  'ERROR',
  'Runtime.',
  'Process exited',
  'Runtime exited',
  'MemoryError',
  'out of memory',
] as const;

export function anyPhrase(phrases: readonly string[]): string {
  return phrases.map((p) => `?"${p.replace(/"/g, '')}"`).join(' ');
}

/** One request's lines: its id as a quoted term (the emulator supports this one). */
export function requestIdPattern(requestId: string): string {
  return `"${requestId.replace(/"/g, '')}"`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The access log's failing requests from its format: JSON formats by the status key (a string
 * "504" or a number 504), space-delimited ones by the position of $context.status. Undefined when
 * the format does not say where the status is (then the reader filters nothing and re-checks).
 */
export function accessFailurePattern(format: string | undefined, statusKey: string | undefined): string | undefined {
  if (format === undefined) return undefined;
  const trimmed = format.trim();
  if (trimmed.startsWith('{')) {
    if (statusKey === undefined || !PLAIN_KEY.test(statusKey)) return undefined;
    return `{ ($.${statusKey} = "5*") || ($.${statusKey} >= 500) }`;
  }
  const fields = spaceDelimitedFields(trimmed);
  const index = fields.findIndex((f) => /\$context\.status\b/.test(f));
  if (index < 0) return undefined;
  const before = fields.slice(0, index).map((_, i) => `f${i + 1}`);
  return `[${[...before, 'status=5*', ...(index < fields.length - 1 ? ['...'] : [])].join(', ')}]`;
}

/** A format's fields as CloudWatch splits a line: by spaces, "..." and [...] each one field. */
export function spaceDelimitedFields(format: string): string[] {
  const out: string[] = [];
  const re = /"[^"]*"|\[[^\]]*\]|\S+/g;
  for (const m of format.matchAll(re)) out.push(m[0]);
  return out;
}
