/** RESPONSE_TOO_LARGE: the response exceeded Lambda's 6 MB synchronous payload (or API Gateway's 10 MB) limit. */
import type { ClassRule } from '../rule';

export const responseTooLargeRule: ClassRule = {
  class: 'RESPONSE_TOO_LARGE',
  logPatterns: [
    {
      id: 'response-too-large.payload-size-exceeded',
      pattern:
        /response\s+payload\s+size\s+(?:\(\s*\d+\s*bytes\s*\)\s+)?exceeded|exceeded\s+(?:the\s+)?maximum\s+allowed\s+payload\s+size|ResponseSizeTooLarge/i,
      weight: 0.95,
      specific: true,
      subCause: 'payload-over-6mb',
    },
    {
      // The function's runtime posts its result to the Lambda Runtime API, which refuses one over the
      // synchronous invocation limit (6 MB) with 413: the Node.js runtime logs "Failed to post handler
      // success response. Http response code: 413." and API Gateway answers 502.
      // https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html#runtimes-api-response
      id: 'response-too-large.runtime-api-413',
      pattern: /failed\s+to\s+post\s+handler\s+(?:success\s+)?response\.?\s+http\s+response\s+code:?\s*413\b/i,
      weight: 0.9,
      specific: true,
      subCause: 'payload-over-6mb',
    },
    {
      id: 'response-too-large.payload-too-large',
      pattern:
        /payload\s+size\s+exceeded|response\s+(?:payload\s+|body\s+)?(?:is\s+)?too\s+large|body\s+size\s+is\s+too\s+(?:long|large)|integration\s+response\s+(?:is\s+)?too\s+large/i,
      weight: 0.75,
      specific: true,
      subCause: 'payload-over-6mb',
    },
    {
      id: 'response-too-large.request-too-large',
      pattern: /RequestEntityTooLarge|request\s+must\s+be\s+smaller\s+than\s+\d+\s+bytes/i,
      weight: 0.55,
      specific: true,
      subCause: 'request-payload-too-large',
    },
  ],
};
