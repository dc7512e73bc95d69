/**
 * LAMBDA_FUNCTION_ERROR, continued: an AccessDenied whose action API Gateway itself never performs.
 * With a Lambda integration, API Gateway's only calls are lambda:InvokeFunction and, with a
 * credentials role, sts:AssumeRole (iam:PassRole when the role is attached). Any other denied action
 * ("... is not authorized to perform: es:ESHttpGet", "dynamodb:GetItem", "s3:GetObject") was the
 * function's own SDK call failing under its execution role: the function errored, the gateway's
 * permissions are fine. https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html
 * and https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
 */
import type { RuleContext, Signal } from '../rule';
import { SOURCE_FACTOR, lineSignal } from '../signal';

const DENIED_ACTION = /not\s+authorized\s+to\s+perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)/i;
/** The actions API Gateway performs on the way to a Lambda integration. */
const GATEWAY_ACTIONS = /^(?:lambda:Invoke\w*|sts:AssumeRole\w*|iam:PassRole)$/i;

export function functionCallDeniedSignals(context: RuleContext): Signal[] {
  if (context.integration !== 'lambda' && context.integration !== 'lambda-proxy') return [];
  const out: Signal[] = [];
  for (const line of context.lines) {
    if (line.source === 'client' || line.source === 'execution-log') continue;
    const action = DENIED_ACTION.exec(line.text)?.[1];
    if (action === undefined || GATEWAY_ACTIONS.test(action)) continue;
    out.push(
      lineSignal(
        'LAMBDA_FUNCTION_ERROR',
        'lambda-function-error.function-call-denied',
        0.8 * SOURCE_FACTOR[line.source],
        line,
        {
          specific: true,
          subCause: 'function-role-access-denied',
        },
      ),
    );
  }
  return out;
}
