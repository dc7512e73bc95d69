import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { regionFlag, step } from '../commands';

/** A response object with a field a REST API's proxy integration does not take. */
const UNKNOWN_FIELD_STEP: RemediationStep = {
  title: 'Remove the fields API Gateway does not take',
  detail:
    "A REST API's Lambda proxy integration accepts only statusCode, headers, multiValueHeaders, body and isBase64Encoded: any other top-level field (an Application Load Balancer's statusDescription, a wrapper's own flags) makes the whole response malformed. Drop it, or use the adapter's API Gateway mode instead of its ALB mode.",
};

export function malformedProxyResponseSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  return [
    ...(h.subCause === 'unknown-response-field' ? [UNKNOWN_FIELD_STEP] : []),
    {
      title: 'Return the proxy response shape',
      detail:
        'A Lambda proxy integration must return an object {statusCode: number, headers: {string: string}, body: string} (optionally isBase64Encoded: boolean, multiValueHeaders). The body must be a string: JSON.stringify(data) in Node.js, json.dumps(data) in Python. Returning a bare object, a dict body, a plain string or nothing produces this 502.',
    },
    step(
      ctx,
      'Invoke the function directly and inspect what it returns',
      'Look at the raw output: statusCode must be a number and body a string.',
      ['functionName'],
      () =>
        `aws lambda invoke --function-name ${ctx.functionName} --cli-binary-format raw-in-base64-out --payload '{"httpMethod":"GET","path":"/","headers":{},"queryStringParameters":null,"body":null}'${regionFlag(ctx)} /dev/stdout`,
    ),
    {
      title: 'Return the error path in the same shape',
      detail:
        'Catch exceptions in the handler and return {statusCode: 500, body: JSON.stringify({message})}; in Node.js do not mix callback() with async handlers, and make sure every branch returns.',
    },
  ];
}
