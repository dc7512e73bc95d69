import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { isHttpApi, redeployCommand, regionFlag, step } from '../commands';

function specific(h: Hypothesis, ctx: RemediationContext): RemediationStep {
  switch (h.subCause) {
    case 'integration-uri':
      return step(
        ctx,
        'Point the integration at a function, version or alias that exists',
        "The integration's URI (or a stage variable in it) names a Lambda function, version or alias that does not exist, e.g. an alias removed while a deployment replaced it. List the function's aliases, then fix the URI or the stage variable, or recreate the alias; grant API Gateway invoke permission on the new qualifier.",
        ['functionName'],
        () =>
          `aws lambda list-aliases --function-name ${ctx.functionName} --query "Aliases[].[Name,FunctionVersion]" --output text${regionFlag(ctx)}`,
      );
    case 'service-request-template':
      return {
        title: 'Make the request template build what the service action needs',
        detail:
          "The AWS service rejected the request the integration's mapping template built (a required member left null, a body in the wrong format). Test-invoke the method, compare the transformed request in the execution log with the action's API reference, and map every required member (e.g. stateMachineArn, TopicArn) from a stage variable or the request.",
      };
    case 'binary-content-handling':
      return {
        title: 'Convert binary bodies before the request template runs',
        detail:
          "A binary media type reached a non-proxy integration whose text template cannot read it. Set the integration's contentHandling to CONVERT_TO_TEXT (base64 for the template) or CONVERT_TO_BINARY as the backend needs, or use a proxy integration.",
      };
    case 'method-response-missing':
      return {
        title: 'Add the method response the integration response maps to',
        detail:
          'The integration response selects a status (e.g. 200) that has no method response. Add a method response for that status code (with its response model/headers) or change the integration response to an existing one.',
      };
    case 'integration-response-missing':
      return {
        title: 'Add a default integration response',
        detail:
          'No integration response matched the backend status and none is marked default: add one with an empty selection pattern.',
      };
    case 'response-template':
      return {
        title: 'Fix the response mapping template',
        detail:
          'The integration response template failed on what the backend returned. Test the VTL against a real backend body ($input.json, $util.escapeJavaScript).',
      };
    default:
      return {
        title: 'Fix the request mapping template',
        detail:
          "The request template failed on the incoming body: check it against the Content-Type the client sends, the passthroughBehavior, and VTL expressions ($input.json('$'), $util.escapeJavaScript) on real request bodies.",
      };
  }
}

/** How to read the API's integrations: an HTTP API lists them; a REST API exports with its templates. */
function reviewSteps(ctx: RemediationContext): RemediationStep[] {
  if (isHttpApi(ctx)) {
    return [
      step(
        ctx,
        "List the API's integrations and their parameter mappings",
        undefined,
        ['apiId'],
        () => `aws apigatewayv2 get-integrations --api-id ${ctx.apiId}${regionFlag(ctx)}`,
      ),
    ];
  }
  return [
    step(
      ctx,
      'Export the API with its integrations, templates and method responses to review them',
      undefined,
      ['apiId', 'stage'],
      () =>
        `aws apigateway get-export --rest-api-id ${ctx.apiId} --stage-name ${ctx.stage} --export-type oas30 --parameters extensions=apigateway${regionFlag(ctx)} /tmp/${ctx.apiId}-${ctx.stage}.json`,
    ),
    step(
      ctx,
      'List the resources to find the failing method',
      undefined,
      ['apiId'],
      () =>
        `aws apigateway get-resources --rest-api-id ${ctx.apiId} --query "items[].[id,path]" --output text${regionFlag(ctx)}`,
    ),
  ];
}

export function mappingErrorSteps(h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  return [
    specific(h, ctx),
    ...reviewSteps(ctx),
    step(
      ctx,
      'Redeploy the stage after the fix',
      isHttpApi(ctx)
        ? 'Without automatic deployment, HTTP API changes take effect only after a deployment.'
        : 'REST API changes take effect only after a deployment.',
      ['apiId', 'stage'],
      () => redeployCommand(ctx),
    ),
  ];
}
