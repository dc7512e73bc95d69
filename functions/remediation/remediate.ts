/**
 * Hypothesis + incident facts → ordered runbook steps with ready-to-run commands and console
 * deep links carrying the real names. One step builder per class under classes/.
 */
import type { Hypothesis, Link, RemediationStep, RootCauseClass } from '../types';
import { authorizerErrorSteps } from './classes/authorizer-error';
import { backend5xxSteps } from './classes/backend-5xx';
import { backendUnreachableSteps } from './classes/backend-unreachable';
import { integrationTimeoutSteps } from './classes/integration-timeout';
import { lambdaFunctionErrorSteps } from './classes/lambda-function-error';
import { lambdaTimeoutSteps } from './classes/lambda-timeout';
import { malformedProxyResponseSteps } from './classes/malformed-proxy-response';
import { mappingErrorSteps } from './classes/mapping-error';
import { permissionDeniedSteps } from './classes/permission-denied';
import { responseTooLargeSteps } from './classes/response-too-large';
import { throttlingSteps } from './classes/throttling';
import { unknownSteps } from './classes/unknown';
import {
  FAILING_REQUESTS_QUERY,
  FUNCTION_ERRORS_QUERY,
  compact,
  executionLogGroup,
  functionLink,
  functionLogGroup,
  insightsLink,
  logGroupLink,
  stageLink,
} from './commands';
import type { RemediationContext } from './context';
import type { Remediation } from '../types';

export type { RemediationContext } from './context';
export { remediationContextFrom, remediationContextFromLines } from './context';

type StepBuilder = (hypothesis: Hypothesis, context: RemediationContext) => RemediationStep[];

const STEPS: Readonly<Record<RootCauseClass, StepBuilder>> = {
  INTEGRATION_TIMEOUT: integrationTimeoutSteps,
  LAMBDA_TIMEOUT: lambdaTimeoutSteps,
  MALFORMED_PROXY_RESPONSE: malformedProxyResponseSteps,
  LAMBDA_FUNCTION_ERROR: lambdaFunctionErrorSteps,
  RESPONSE_TOO_LARGE: responseTooLargeSteps,
  PERMISSION_DENIED: permissionDeniedSteps,
  THROTTLING: throttlingSteps,
  MAPPING_ERROR: mappingErrorSteps,
  BACKEND_UNREACHABLE: backendUnreachableSteps,
  BACKEND_5XX: backend5xxSteps,
  AUTHORIZER_ERROR: authorizerErrorSteps,
  UNKNOWN: unknownSteps,
};

/** Classes whose evidence lives in the backend function's log. */
const FUNCTION_CLASSES: ReadonlySet<RootCauseClass> = new Set([
  'LAMBDA_TIMEOUT',
  'MALFORMED_PROXY_RESPONSE',
  'LAMBDA_FUNCTION_ERROR',
  'RESPONSE_TOO_LARGE',
  'THROTTLING',
  'BACKEND_5XX',
  'INTEGRATION_TIMEOUT',
  'UNKNOWN',
]);

function links(hypothesis: Hypothesis, ctx: RemediationContext): Link[] {
  const fn =
    hypothesis.class === 'AUTHORIZER_ERROR' ? (ctx.authorizerFunctionName ?? ctx.functionName) : ctx.functionName;
  const gatewayLogs = compact([executionLogGroup(ctx), ctx.accessLogGroup]);
  const fnLogs = functionLogGroup(fn);
  return compact([
    insightsLink(
      ctx,
      gatewayLogs,
      FAILING_REQUESTS_QUERY,
      `Logs Insights: failing requests on ${[ctx.apiName ?? ctx.apiId ?? 'the API', ctx.stage].filter(Boolean).join('/')}`,
    ),
    fnLogs !== undefined && (FUNCTION_CLASSES.has(hypothesis.class) || hypothesis.class === 'AUTHORIZER_ERROR')
      ? insightsLink(ctx, [fnLogs], FUNCTION_ERRORS_QUERY, `Logs Insights: errors of ${fn}`)
      : undefined,
    fnLogs === undefined ? undefined : logGroupLink(ctx, fnLogs, `Log group ${fnLogs}`),
    stageLink(ctx),
    fn === undefined ? undefined : functionLink(ctx, fn),
  ]);
}

export function remediate(hypothesis: Hypothesis, context: RemediationContext): Remediation {
  return {
    class: hypothesis.class,
    steps: STEPS[hypothesis.class](hypothesis, context),
    links: links(hypothesis, context),
  };
}
