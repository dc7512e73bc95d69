import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { isHttpApi, regionFlag, step, timeRange } from '../commands';

export function integrationTimeoutSteps(_h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  const limit = ctx.integrationTimeoutMs ?? (isHttpApi(ctx) ? 30_000 : 29_000);
  return [
    step(
      ctx,
      'Confirm the backend is slower than the integration timeout',
      `API Gateway stops waiting after ${limit} ms and answers ${isHttpApi(ctx) ? '503' : '504'}. Compare the function's Duration with that limit.`,
      ['functionName'],
      () =>
        `aws cloudwatch get-metric-statistics --namespace AWS/Lambda --metric-name Duration --dimensions Name=FunctionName,Value=${ctx.functionName} --statistics Maximum Average --period 60 ${timeRange(ctx)}${regionFlag(ctx)}`,
    ),
    {
      title: 'Move long work off the request path',
      detail:
        'Return 202 Accepted with a job id at once and do the work asynchronously (SQS, Step Functions, or an async Lambda invoke with InvocationType Event); the client polls a status route or receives a callback.',
    },
    {
      title: 'Make the backend answer faster',
      detail:
        'Cache or index what the slow call reads, paginate large queries, set client timeouts on downstream calls below the integration timeout, and use provisioned concurrency if cold starts push requests over the limit.',
    },
    step(
      ctx,
      isHttpApi(ctx) ? 'Know the hard limit' : 'Raise the integration timeout only if the work must stay synchronous',
      isHttpApi(ctx)
        ? 'HTTP API integrations time out after at most 30 s; this cannot be raised.'
        : 'Regional and private REST APIs can exceed 29 s after a Service Quotas increase of "Maximum integration timeout in milliseconds"; edge-optimized APIs cannot. Check the current quota:',
      [],
      isHttpApi(ctx)
        ? undefined
        : () =>
            `aws service-quotas list-service-quotas --service-code apigateway --query "Quotas[?contains(QuotaName, 'integration timeout')]"${regionFlag(ctx)}`,
    ),
  ];
}
