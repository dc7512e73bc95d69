import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { addInvokePermissionCommand, isHttpApi, regionFlag, step } from '../commands';
import { trustPolicyStep } from './permission-denied';

export function authorizerErrorSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  const authorizer = {
    ...ctx,
    ...(ctx.authorizerFunctionName === undefined && ctx.functionName !== undefined
      ? { authorizerFunctionName: ctx.functionName }
      : {}),
  };
  const steps: RemediationStep[] = [];
  if (h.subCause === 'authorizer-invoke-permission') {
    steps.push(
      step(
        authorizer,
        'Grant API Gateway permission to invoke the authorizer function',
        'Authorizer invocations use the SourceArn arn:aws:execute-api:region:account:api-id/authorizers/authorizer-id; the command below allows every authorizer of this API.',
        ['authorizerFunctionName', 'apiId'],
        () =>
          addInvokePermissionCommand(
            authorizer,
            authorizer.authorizerFunctionName ?? '',
            ctx.authorizerId === undefined ? '/authorizers/*' : `/authorizers/${ctx.authorizerId}`,
          ),
      ),
    );
  }
  if (h.subCause === 'authorizer-role-not-assumable') steps.push(trustPolicyStep(ctx, 'authorizer'));
  steps.push(
    {
      title: 'Return the response format API Gateway expects',
      detail: isHttpApi(ctx)
        ? 'HTTP API Lambda authorizers (payload 2.0 with simple responses) return {"isAuthorized": true|false, "context": {...}}; with IAM policy responses, the REST format below. Never return null or throw for a deny: return isAuthorized false.'
        : 'A REST Lambda authorizer must return {"principalId": "user", "policyDocument": {"Version": "2012-10-17", "Statement": [{"Action": "execute-api:Invoke", "Effect": "Allow" or "Deny", "Resource": the methodArn or a wildcard}]}, "context": {flat string/number/boolean values}}. Returning null, a string, or throwing (other than "Unauthorized") gives 500 AuthorizerConfigurationException.',
    },
    step(
      authorizer,
      "Read the authorizer function's errors",
      undefined,
      ['authorizerFunctionName'],
      () =>
        `aws logs filter-log-events --log-group-name /aws/lambda/${authorizer.authorizerFunctionName} --filter-pattern '?ERROR ?Exception ?"Task timed out"' --max-items 50${regionFlag(ctx)}`,
    ),
    step(ctx, "List the API's authorizers and their functions and roles", undefined, ['apiId'], () =>
      isHttpApi(ctx)
        ? `aws apigatewayv2 get-authorizers --api-id ${ctx.apiId}${regionFlag(ctx)}`
        : `aws apigateway get-authorizers --rest-api-id ${ctx.apiId}${regionFlag(ctx)}`,
    ),
  );
  return steps;
}
