import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { regionFlag, step } from '../commands';

export function malformedProxyResponseSteps(_h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  return [
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
