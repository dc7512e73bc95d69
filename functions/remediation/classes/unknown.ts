import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { isHttpApi, regionFlag, step } from '../commands';

const HTTP_API_ACCESS_LOG_FORMAT =
  '{"requestId":"$context.requestId","routeKey":"$context.routeKey","status":"$context.status","integrationStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","integrationErrorMessage":"$context.integrationErrorMessage","errorResponseType":"$context.error.responseType","authorizerError":"$context.authorizer.error"}';

export function unknownSteps(_h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  return [
    isHttpApi(ctx)
      ? step(
          ctx,
          'Log the integration error in the access log',
          `HTTP APIs have no execution logs: the cause is only visible when the access log format includes $context.integrationErrorMessage, $context.error.responseType and $context.authorizer.error, e.g. ${HTTP_API_ACCESS_LOG_FORMAT}. Set it with update-stage --access-log-settings on the stage's access log group.`,
          ['apiId', 'stage'],
          () =>
            `aws apigatewayv2 get-stage --api-id ${ctx.apiId} --stage-name ${ctx.stage} --query AccessLogSettings${regionFlag(ctx)}`,
        )
      : step(
          ctx,
          'Turn on execution logging for the stage',
          'With ERROR (or INFO) execution logging, API Gateway logs why each request failed ("Execution failed due to ..."). The account needs a CloudWatch Logs role set in API Gateway settings.',
          ['apiId', 'stage'],
          () =>
            `aws apigateway update-stage --rest-api-id ${ctx.apiId} --stage-name ${ctx.stage} --patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR${regionFlag(ctx)}`,
        ),
    {
      title: "Add the backend's own logs",
      detail:
        'Run classify again with the function log lines (or the HTTP backend logs) of the failing requests included.',
    },
    {
      title: 'Reproduce one failing request with its request id',
      detail:
        'The request id from the response headers (x-amzn-RequestId / apigw-requestid) finds the matching execution, access and backend log lines.',
    },
  ];
}
