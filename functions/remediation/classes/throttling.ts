import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { isHttpApi, regionFlag, step } from '../commands';

export function throttlingSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  const steps: RemediationStep[] = [
    step(
      ctx,
      "Check the function's reserved concurrency and the account's limit",
      ctx.reservedConcurrency === undefined ? undefined : `Reserved concurrency is ${ctx.reservedConcurrency}.`,
      ['functionName'],
      () =>
        `aws lambda get-function-concurrency --function-name ${ctx.functionName}${regionFlag(ctx)} && aws lambda get-account-settings --query AccountLimit${regionFlag(ctx)}`,
    ),
  ];
  if (h.subCause === 'reserved-concurrency-zero') {
    steps.push(
      step(
        ctx,
        'Remove the zero reservation that stops the function',
        'Reserved concurrency 0 throttles every invocation (it is how a function is switched off). Remove it, or set a positive value.',
        ['functionName'],
        () => `aws lambda delete-function-concurrency --function-name ${ctx.functionName}${regionFlag(ctx)}`,
      ),
    );
  } else {
    steps.push(
      step(
        ctx,
        'Raise the reserved concurrency',
        'If the function has a reservation below peak demand, raise it (the value here doubles the current one; remove the reservation with delete-function-concurrency to use the unreserved pool).',
        ['functionName', 'reservedConcurrency'],
        () =>
          `aws lambda put-function-concurrency --function-name ${ctx.functionName} --reserved-concurrent-executions ${Math.max(1, (ctx.reservedConcurrency ?? 0) * 2)}${regionFlag(ctx)}`,
      ),
      step(
        ctx,
        'Request a higher account concurrency quota if the account limit is reached',
        'The account-wide "Concurrent executions" quota is shared by every function in the region; ask for an increase in Service Quotas.',
        [],
        () =>
          `aws service-quotas list-service-quotas --service-code lambda --query "Quotas[?QuotaName=='Concurrent executions']"${regionFlag(ctx)}`,
      ),
    );
  }
  steps.push(
    step(
      ctx,
      'Check the API Gateway stage, method and usage-plan throttles',
      'A 429 from API Gateway itself (not from Lambda) comes from stage/method throttling, a usage plan, or the account-level 10,000 rps limit.',
      ['apiId', 'stage'],
      () =>
        isHttpApi(ctx)
          ? `aws apigatewayv2 get-stage --api-id ${ctx.apiId} --stage-name ${ctx.stage} --query "[DefaultRouteSettings,RouteSettings]"${regionFlag(ctx)}`
          : `aws apigateway get-stage --rest-api-id ${ctx.apiId} --stage-name ${ctx.stage} --query methodSettings${regionFlag(ctx)} && aws apigateway get-usage-plans --query "items[].[name,throttle,quota]"${regionFlag(ctx)}`,
    ),
    {
      title: 'Smooth the load',
      detail:
        'Clients should retry 429/5xx with exponential backoff and jitter; queue bursty work (SQS) instead of invoking synchronously; provisioned concurrency helps when bursts outrun scaling.',
    },
  );
  return steps;
}
