/**
 * Message templates: a log line with its variable parts (timestamps, request ids, numbers,
 * quoted values) replaced, so lines of the same failure group together and count.
 */
const REQUEST_ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;

/** The request id of an API Gateway execution log line ("(uuid) message") or any uuid in it. */
export function requestIdOf(line: string): string | undefined {
  return REQUEST_ID.exec(line)?.[0];
}

export function templateOf(line: string): string {
  return line
    .replace(/^\s*\(([0-9a-f-]{36})\)\s*/i, '')
    .replace(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4} : /, '')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?\b/g, '<time>')
    .replace(new RegExp(REQUEST_ID.source, 'gi'), '<id>')
    .replace(/\b\d+(?:\.\d+)?\b/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}
