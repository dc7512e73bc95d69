import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { regionFlag, step } from '../commands';

export function lambdaTimeoutSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  const gatewayLimitS = Math.floor((ctx.integrationTimeoutMs ?? 29_000) / 1000);
  const steps: RemediationStep[] = [
    step(
      ctx,
      'Check the function timeout, memory and VPC placement',
      ctx.functionTimeoutSeconds === undefined
        ? undefined
        : `The function times out after ${ctx.functionTimeoutSeconds} s.`,
      ['functionName'],
      () =>
        `aws lambda get-function-configuration --function-name ${ctx.functionName} --query "[Timeout,MemorySize,VpcConfig.SubnetIds]"${regionFlag(ctx)}`,
    ),
  ];
  if (h.subCause === 'vpc-outbound' || ctx.functionInVpc === true) {
    steps.push(
      step(
        ctx,
        'Give the function in a VPC a way out',
        'A function attached to a VPC has no internet access: calls to AWS services or public endpoints hang until the timeout. Route its private subnets through a NAT gateway, or add VPC endpoints (gateway endpoints for S3/DynamoDB, interface endpoints for other services). Find its subnets and their route tables:',
        ['functionName'],
        () =>
          `aws ec2 describe-route-tables --filters Name=association.subnet-id,Values=$(aws lambda get-function-configuration --function-name ${ctx.functionName} --query "VpcConfig.SubnetIds" --output text${regionFlag(ctx)} | tr '\\t' ',')${regionFlag(ctx)}`,
      ),
    );
  }
  steps.push(
    step(
      ctx,
      'Find what the function waits for',
      'Look at the slowest invocations and the calls they make (X-Ray traces show downstream calls); set client timeouts on downstream calls shorter than the function timeout so it fails with a clear error instead of hanging.',
      ['functionName'],
      () =>
        `aws logs filter-log-events --log-group-name /aws/lambda/${ctx.functionName} --filter-pattern '"Task timed out"' --max-items 20${regionFlag(ctx)}`,
    ),
    step(
      ctx,
      'Raise the timeout (and memory, which adds CPU) if the work is legitimately long',
      `Keep the function timeout below the API Gateway integration timeout (${gatewayLimitS} s) so API Gateway returns the function's own error; anything longer belongs in asynchronous processing that answers 202 at once.`,
      ['functionName'],
      () =>
        `aws lambda update-function-configuration --function-name ${ctx.functionName} --timeout ${Math.max(3, gatewayLimitS - 1)}${ctx.functionMemoryMb === undefined ? '' : ` --memory-size ${Math.min(10_240, ctx.functionMemoryMb * 2)}`}${regionFlag(ctx)}`,
    ),
  );
  return steps;
}
