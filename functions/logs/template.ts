/**
 * Message templates: a log line with its variable parts (timestamps, request ids, numbers,
 * quoted values) replaced, so lines of the same failure group together and count.
 */
import { stripPrefixes } from './prefix';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const UUID_ALL = new RegExp(UUID.source, 'gi');

/**
 * The request id of a line: the "(uuid)" of an API Gateway execution log line, a Lambda
 * "RequestId: uuid", an HTTP API "apigw-requestid" header, or else the first uuid in it.
 */
export function requestIdOf(line: string): string | undefined {
  const execution = /^\s*\(([0-9a-f-]{36})\)/i.exec(stripPrefixes(line).requestIdPrefix ?? '');
  if (execution?.[1] !== undefined) return execution[1];
  const lambda = /\bRequestId:\s*([0-9a-f-]{36})\b/i.exec(line);
  if (lambda?.[1] !== undefined) return lambda[1];
  const httpApi = /\bapigw-requestid:\s*([A-Za-z0-9=_-]{8,})/i.exec(line);
  if (httpApi?.[1] !== undefined) return httpApi[1];
  return UUID.exec(line)?.[0];
}

/**
 * The template of a line: prefixes (request id, console timestamp, ISO timestamp, log stream)
 * removed, then times, ids and numbers replaced. HTTP status codes are kept ("status: 504"),
 * because a 429 and a 504 are different failures that must not group together.
 */
export function templateOf(line: string): string {
  const { message } = stripPrefixes(line);
  return message
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<time>')
    .replace(/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT\b/g, '<time>')
    .replace(UUID_ALL, '<id>')
    .replace(/\b(status(?: code)?:?\s*|HTTP\/[\d.]+\s+)([1-5]\d{2})\b/gi, '$1Qz$2zQ')
    .replace(/\b\d+(?:\.\d+)?\b/g, '<n>')
    .replace(/Qz([1-5]\d{2})zQ/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
