import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { addInvokePermissionCommand, regionFlag, roleNameOf, step } from '../commands';

const TRUST_POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["apigateway.amazonaws.com","lambda.amazonaws.com"]},"Action":"sts:AssumeRole"}]}';

export function trustPolicyStep(ctx: RemediationContext, whose: string): RemediationStep {
  return step(
    ctx,
    `Let API Gateway assume the ${whose} credentials role`,
    "The role's trust policy must allow the service principal apigateway.amazonaws.com to call sts:AssumeRole (this replaces the trust policy: keep any other principals it needs; lambda.amazonaws.com is kept here for roles shared with a function).",
    ['credentialsRoleArn'],
    () =>
      `aws iam update-assume-role-policy --role-name ${roleNameOf(ctx.credentialsRoleArn ?? '')} --policy-document '${TRUST_POLICY}'`,
  );
}

export function permissionDeniedSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  if (h.subCause === 'role-not-assumable') {
    return [
      trustPolicyStep(ctx, 'integration'),
      step(
        ctx,
        'Check the trust policy now in place',
        undefined,
        ['credentialsRoleArn'],
        () =>
          `aws iam get-role --role-name ${roleNameOf(ctx.credentialsRoleArn ?? '')} --query Role.AssumeRolePolicyDocument`,
      ),
    ];
  }
  if (h.subCause === 'credentials-role-policy') {
    return [
      step(
        ctx,
        "Allow the integration's credentials role the action AWS denied",
        'For an AWS service integration (or a Lambda integration with a credentials role), the role must allow the action on the resource named in the error. Simulate it, then add the missing statement to the role policy.',
        ['credentialsRoleArn'],
        () =>
          `aws iam list-attached-role-policies --role-name ${roleNameOf(ctx.credentialsRoleArn ?? '')} && aws iam list-role-policies --role-name ${roleNameOf(ctx.credentialsRoleArn ?? '')}`,
      ),
    ];
  }
  return [
    step(
      ctx,
      'Grant API Gateway permission to invoke the function',
      "The function's resource-based policy has no statement for this API (typical after re-importing or re-creating the API, or a changed stage/method in the SourceArn). The SourceArn below covers every stage, method and path of the API.",
      ['functionName', 'apiId'],
      () => addInvokePermissionCommand(ctx, ctx.functionName ?? '', '/*/*/*'),
    ),
    step(
      ctx,
      "Check the function's resource policy",
      undefined,
      ['functionName'],
      () => `aws lambda get-policy --function-name ${ctx.functionName} --query Policy --output text${regionFlag(ctx)}`,
    ),
    {
      title: 'If the integration uses an alias or version',
      detail:
        'The permission must be on the qualified function (add --qualifier with the alias the integration URI names).',
    },
  ];
}
