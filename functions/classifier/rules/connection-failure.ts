/**
 * A failed connection, and whose failure it is. API Gateway's backend is the integration: behind an
 * HTTP or VPC-link integration a refused, reset or unresolvable connection is API Gateway (or the
 * backend's own proxy) not reaching the backend, BACKEND_UNREACHABLE. Behind a Lambda integration
 * API Gateway reached its backend, the function; a connection failure the function prints is the
 * function failing to reach its own dependency (a database, another API), so it is the function's
 * error. When the integration is not known the line keeps its old reading, BACKEND_UNREACHABLE.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-integration-types.html
 */
import type { LogPattern } from '../rule';
import type { IntegrationHint } from '../../types';

export const LAMBDA_INTEGRATIONS: readonly IntegrationHint[] = ['lambda', 'lambda-proxy'];

/** Connection failures in words, as clients and drivers of every language print them. */
const CONNECTION_FAILED_PHRASES =
  /connection\s+(?:refused|reset|is\s+closed|closed\s+by\s+peer)|no\s+route\s+to\s+host|UnknownHostException|Name\s+or\s+service\s+not\s+known|getaddrinfo|could\s+not\s+(?:connect|resolve\s+host)|unable\s+to\s+connect|connect(?:ion)?\s+timed?[\s-]*out|no\s+healthy\s+(?:upstream|targets?|hosts?)|HttpHostConnectException|NoHttpResponseException|UnknownHost/i;

/**
 * The socket error codes (errno names) are upper case and stand alone: matched without /i,
 * "ENOTFOUND" would find "eNotFound" inside an AWS SDK error name such as ResourceNotFoundException
 * (a DynamoDB table that does not exist is no network failure).
 * https://nodejs.org/api/errors.html#common-system-errors
 */
const ERRNO_NAMES = /\b(?:ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND)\b/;

/** Everything of a log pattern but the phrase, which this module supplies. */
type ConnectionFailureRule = Omit<LogPattern, 'pattern'>;

/** One log pattern per way of writing a connection failure, all under the rule's id. */
export function connectionFailurePatterns(rule: ConnectionFailureRule): LogPattern[] {
  return [CONNECTION_FAILED_PHRASES, ERRNO_NAMES].map((pattern) => ({ ...rule, pattern }));
}
