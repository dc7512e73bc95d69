/** MALFORMED_PROXY_RESPONSE: a Lambda proxy integration returned something other than {statusCode, headers, body: string}. */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { lineSignal } from '../signal';

const CLASS = 'MALFORMED_PROXY_RESPONSE';

/** "Execution failed due to configuration error:" with nothing after the colon. */
const BARE_CONFIGURATION_ERROR = /execution\s+failed\s+due\s+to\s+configuration\s+error:\s*$/i;

/**
 * A REST API answers 502 for a Lambda integration when the function ran but its answer could not
 * be used (an error, or a response in the wrong format); a refused invoke (permissions) is a 500.
 * An execution log whose configuration error names nothing and whose method completed with 502
 * therefore points at the response format, unless the function's own error is logged (then the
 * function-error rules claim the line and outweigh this).
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
 * https://repost.aws/knowledge-center/malformed-502-api-gateway
 */
function bareConfigurationErrorWith502(context: RuleContext): Signal[] {
  const completed502 = context.lines.some((l) => l.source === 'execution-log' && l.status === 502);
  if (!completed502) return [];
  return context.lines
    .filter((l) => l.source === 'execution-log' && BARE_CONFIGURATION_ERROR.test(l.text))
    .map((l) => lineSignal(CLASS, 'malformed-proxy-response.bare-configuration-error-502', 0.7, l));
}

/** A response's Set-Cookie header given as a list ("'set-cookie': [Array]", "\"Set-Cookie\": [\"a=1\", ..."). */
const SET_COOKIE_LIST = /['"]?set-cookie['"]?\s*:\s*\[/i;

/**
 * An HTTP API's payload format 2.0 takes header values as strings and cookies in their own
 * `cookies` list; a function that returns Set-Cookie as a list under `headers` (what a REST API's
 * multiValueHeaders allows) gets its response refused with a 500. Only for an HTTP API: on a REST
 * API the same list is valid under multiValueHeaders.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
function cookieListOnHttpApi(context: RuleContext): Signal[] {
  if (!context.httpApi) return [];
  return context.lines
    .filter((l) => l.source !== 'client' && SET_COOKIE_LIST.test(l.text))
    .map((l) =>
      lineSignal(CLASS, 'malformed-proxy-response.http-api-cookie-list', 0.7, l, { subCause: 'payload-2.0-cookies' }),
    );
}

/** The fields a REST API's Lambda proxy response may have (format 1.0). */
const PROXY_RESPONSE_FIELDS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
const RESPONSE_BODY = /endpoint\s+response\s+body\s+before\s+transformations:\s*(\{.*\})\s*$/i;

/** The top-level keys of the JSON object a line ends with, or nothing when it is not one. */
function objectKeys(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}

/**
 * A REST API's Lambda proxy integration takes exactly statusCode, headers, multiValueHeaders, body
 * and isBase64Encoded from the function; a response object with any other top-level field (an
 * ALB's statusDescription, a wrapper's own "ok") is refused as a malformed proxy response, even
 * when its statusCode and body are right. The execution log shows the object as the endpoint's
 * response body. Only behind a Lambda proxy integration of a REST API: a non-proxy integration
 * passes any body on, and an HTTP API reads its payload format 2.0 differently.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
 */
function unknownProxyResponseField(context: RuleContext): Signal[] {
  if (context.httpApi || context.integration !== 'lambda-proxy') return [];
  return context.lines.flatMap((l) => {
    const keys = objectKeys(RESPONSE_BODY.exec(l.text)?.[1] ?? '');
    const unknown = keys.filter((k) => !PROXY_RESPONSE_FIELDS.has(k));
    if (!keys.includes('statusCode') || unknown.length === 0) return [];
    return [
      lineSignal(CLASS, 'malformed-proxy-response.unknown-response-field', 0.75, l, {
        subCause: 'unknown-response-field',
      }),
    ];
  });
}

export const malformedProxyResponseRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      id: 'malformed-proxy-response.execution-log',
      pattern: /malformed\s+lambda\s+proxy\s+response/i,
      weight: 0.95,
      specific: true,
    },
    {
      id: 'malformed-proxy-response.malformed-response',
      pattern: /malformed\s+(?:integration\s+|proxy\s+|lambda\s+)*response/i,
      weight: 0.8,
      specific: true,
    },
    {
      id: 'malformed-proxy-response.http-api-format',
      pattern:
        /(?:doesn[\u2019']?t|does\s+not|did\s+not)\s+match\s+the\s+format\s+(?:that\s+)?api\s*gateway\s+expects|lambda\s+body\s+contains\s+the\s+wrong\s+type\s+for\s+field|wrong\s+type\s+for\s+field\s*\\?"?(?:statusCode|headers|body|multiValueHeaders|isBase64Encoded|cookies)/i,
      weight: 0.9,
      specific: true,
      // The same wording about an authorizer's answer is AUTHORIZER_ERROR's.
      unless: /authori[sz]er/i,
    },
    {
      // A Lambda proxy integration needs an object with a statusCode; a handler that returns
      // nothing (an async handler that did not await, a wrapper that dropped the result) hands
      // API Gateway null, which it logs as the body and answers 502. Behind a non-proxy Lambda
      // integration null is a valid body, so only the proxy integration counts.
      // https://repost.aws/knowledge-center/malformed-502-api-gateway
      id: 'malformed-proxy-response.null-proxy-response',
      pattern: /endpoint\s+response\s+body\s+before\s+transformations:\s*null\s*$/i,
      weight: 0.75,
      specific: true,
      integrations: ['lambda-proxy'],
      subCause: 'null-response',
    },
    {
      id: 'malformed-proxy-response.invalid-response',
      pattern: /invalid\s+(?:lambda\s+)?(?:proxy\s+)?response\s+(?:received|format|from\s+(?:the\s+)?lambda)/i,
      weight: 0.7,
      specific: true,
    },
  ],
  signals: (context) => [
    ...bareConfigurationErrorWith502(context),
    ...cookieListOnHttpApi(context),
    ...unknownProxyResponseField(context),
  ],
};
