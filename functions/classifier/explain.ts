/**
 * Explanations a human can check: for the top two hypotheses, the lines and signals that decided
 * each, and what evidence would change the answer. Used by `classify --explain`, the JSON output
 * and the summary's evidence list.
 */
import type { Classification, Hypothesis, HypothesisExplanation, RootCauseClass } from '../types';

const MAX_DECIDING = 3;

/** What would confirm a class, phrased as the evidence to go and look for. */
const CONFIRMED_BY: Readonly<Record<RootCauseClass, string>> = {
  INTEGRATION_TIMEOUT:
    'an access-log integrationLatency at the integration timeout (29 s REST, 30 s HTTP API) or "Endpoint request timed out"',
  LAMBDA_TIMEOUT:
    'the function log\'s "Task timed out after N seconds" or a REPORT Duration equal to the function timeout',
  MALFORMED_PROXY_RESPONSE:
    '"Malformed Lambda proxy response" in the execution log, or the v2 "doesn\'t match the format" message',
  LAMBDA_FUNCTION_ERROR: "the function log's errorType/errorMessage or a stack trace at the failing request's time",
  RESPONSE_TOO_LARGE: '"Response payload size exceeded" in the execution or access log',
  PERMISSION_DENIED: '"Invalid permissions on Lambda function" or the HTTP API "doesn\'t have permissions" message',
  THROTTLING: 'Lambda Throttles > 0, TooManyRequestsException or a 429 from the integration',
  MAPPING_ERROR: '"Unable to transform request/response" or an invalid method response in the execution log',
  BACKEND_UNREACHABLE: '"Network error communicating with endpoint", a TLS error or unhealthy NLB targets',
  BACKEND_5XX: 'the backend\'s own 5xx in "Endpoint response body" or the access log\'s integrationStatus',
  AUTHORIZER_ERROR: '$context.authorizer.error in the access log or "Authorizer error" in the execution log',
  UNKNOWN: 'any API Gateway execution/access-log line of a failing request',
};

function deciding(h: Hypothesis): string[] {
  return h.evidence
    .filter((e) => e.source !== 'changes')
    .slice(0, MAX_DECIDING)
    .map((e) => `${e.rule} (${e.source}${e.count === undefined ? '' : `, ×${e.count}`}): ${e.text}`);
}

function wouldChange(h: Hypothesis, other: Hypothesis | undefined, missing: readonly string[]): string[] {
  const out: string[] = [];
  if (other !== undefined && other.class !== h.class && other.class !== 'UNKNOWN') {
    out.push(`${other.class} would lead instead on ${CONFIRMED_BY[other.class]}`);
  }
  if (h.class === 'UNKNOWN') out.push(`any class would be named on its evidence, e.g. ${CONFIRMED_BY.UNKNOWN}`);
  else if (h.evidence.every((e) => e.source === 'client'))
    out.push(`only client output supports it: ${CONFIRMED_BY[h.class]} would confirm it`);
  out.push(...missing.slice(0, 2));
  return out;
}

export function explainTopTwo(classification: Pick<Classification, 'hypotheses' | 'missing'>): HypothesisExplanation[] {
  const [first, second] = classification.hypotheses;
  const missing = classification.missing ?? [];
  return [first, second]
    .filter((h): h is Hypothesis => h !== undefined)
    .map((h, i, all) => ({
      class: h.class,
      confidence: h.confidence,
      decidedBy: deciding(h),
      wouldChange: wouldChange(h, all[i === 0 ? 1 : 0], missing),
    }));
}
