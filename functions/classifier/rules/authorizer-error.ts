/** AUTHORIZER_ERROR: the Lambda/Cognito/JWT authorizer failed, could not be invoked, or returned an unusable policy. */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { fieldSignals, signal } from '../signal';

const CLASS = 'AUTHORIZER_ERROR';

/**
 * `$context.authorizer.error` also reports a caller's request that IAM authorization (AWS_IAM, SigV4)
 * refused — "The request for the IAM Authorizer doesn't match the format that API Gateway expects."
 * for an unsigned request. API Gateway answers it with 403 before any authorizer function runs: a
 * client error, not a failing authorizer.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html
 */
const IAM_AUTH_REQUEST_REFUSED = /request\s+for\s+the\s+IAM\s+authori[sz]er\b/i;

function signals(context: RuleContext): Signal[] {
  const out: Signal[] = fieldSignals(
    context,
    CLASS,
    'authorizer-error.access-log-field',
    0.8,
    (f) =>
      f.authorizerError !== undefined &&
      !/^-?$/.test(f.authorizerError) &&
      !/^unauthorized$/i.test(f.authorizerError) &&
      !IAM_AUTH_REQUEST_REFUSED.test(f.authorizerError),
  );
  for (const fn of context.lambdas) {
    if (fn.role !== 'authorizer') continue;
    const failures = (fn.errors ?? 0) + (fn.timedOutCount ?? 0) + (fn.throttles ?? 0);
    if (failures > 0) {
      out.push(
        signal(
          CLASS,
          'authorizer-error.authorizer-function',
          0.5,
          'backend',
          `authorizer function ${fn.functionName}: ${fn.errors ?? 0} errors, ${fn.timedOutCount ?? 0} timeouts, ${fn.throttles ?? 0} throttles`,
          {
            count: failures,
            subCause: (fn.timedOutCount ?? 0) > 0 ? 'authorizer-timeout' : 'authorizer-function-error',
          },
        ),
      );
    }
  }
  return out;
}

export const authorizerErrorRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      // HTTP API $context.authorizer.error when API Gateway may not invoke the Lambda authorizer.
      // https://repost.aws/knowledge-center/api-gateway-http-lambda-integrations
      id: 'authorizer-error.http-api-invoke-permission',
      pattern: /(?:doesn[\u2019']t|does\s+not)\s+have\s+permissions?\s+to\s+call\s+the\s+authori[sz]er/i,
      weight: 0.95,
      specific: true,
      subCause: 'authorizer-invoke-permission',
    },
    {
      // HTTP API $context.authorizer.error when the authorizer's answer is not a simple/IAM response.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
      id: 'authorizer-error.http-api-response-format',
      pattern:
        /response\s+from\s+the\s+lambda\s+authori[sz]er\s+function\s+(?:doesn[\u2019']t|does\s+not)\s+match\s+the\s+format|simple\s+response\s+did\s+not\s+include\s+'?isAuthorized/i,
      weight: 0.95,
      specific: true,
      subCause: 'invalid-response-format',
    },
    {
      id: 'authorizer-error.configuration-exception',
      pattern: /AuthorizerConfigurationException/i,
      weight: 0.95,
      specific: true,
    },
    { id: 'authorizer-error.authorizer-error', pattern: /\bauthori[sz]er\s+error\b/i, weight: 0.9, specific: true },
    {
      id: 'authorizer-error.response-type',
      pattern: /\bAUTHORIZER_(?:CONFIGURATION_ERROR|FAILURE)\b|\bAuthorizerFailure\b/i,
      weight: 0.85,
      specific: true,
    },
    {
      id: 'authorizer-error.invalid-policy',
      pattern:
        /could\s+not\s+parse\s+policy|invalid\s+policy\s+(?:document|returned|statement)|policy\s*document\b.{0,40}\b(?:invalid|malformed|missing)|authori[sz]er\s+result\s+body\s+before\s+parsing:\s*(?:null|undefined|""|\{\s*\})\s*$/i,
      weight: 0.85,
      specific: true,
      subCause: 'invalid-policy',
    },
    {
      id: 'authorizer-error.invalid-response',
      pattern:
        /authori[sz]er\s+(?:response|result)\s+(?:is\s+|was\s+)?(?:invalid|malformed)|(?:response|result)\s+from\s+the\s+(?:lambda\s+)?authori[sz]er\s+(?:is\s+|was\s+)?(?:invalid|malformed)|invalid\s+(?:lambda\s+)?authori[sz]er\s+(?:response|result)|principalId\b.{0,30}\b(?:missing|required|null)/i,
      weight: 0.8,
      specific: true,
      subCause: 'invalid-response-format',
    },
    {
      // A Lambda authorizer's output that API Gateway cannot read as its policy document, e.g. a
      // context value that is an array or object (only strings, numbers and booleans are allowed):
      // "Execution failed due to configuration error: Invalid JSON in response: Can not deserialize
      // instance of java.lang.String out of START_ARRAY token". A proxy integration's bad output is
      // logged as "Malformed Lambda proxy response" instead.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html
      id: 'authorizer-error.invalid-json-output',
      pattern: /invalid\s+json\s+in\s+(?:(?:the\s+)?authori[sz]er(?:'s)?\s+)?response/i,
      weight: 0.75,
      specific: true,
      subCause: 'invalid-response-format',
    },
    {
      id: 'authorizer-error.authorizer-timeout',
      pattern: /authori[sz]er\b.{0,60}\b(?:timed[\s-]*out|timeout)\b/i,
      weight: 0.7,
      specific: true,
      subCause: 'authorizer-timeout',
    },
    {
      id: 'authorizer-error.null-message',
      pattern: /"message"\s*:\s*null\b/i,
      weight: 0.55,
      notSources: ['lambda-log'],
    },
  ],
  signals,
};
