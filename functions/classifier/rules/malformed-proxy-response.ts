/** MALFORMED_PROXY_RESPONSE: a Lambda proxy integration returned something other than {statusCode, headers, body: string}. */
import type { ClassRule } from '../rule';

export const malformedProxyResponseRule: ClassRule = {
  class: 'MALFORMED_PROXY_RESPONSE',
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
      id: 'malformed-proxy-response.invalid-response',
      pattern: /invalid\s+(?:lambda\s+)?(?:proxy\s+)?response\s+(?:received|format|from\s+(?:the\s+)?lambda)/i,
      weight: 0.7,
      specific: true,
    },
  ],
};
