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
