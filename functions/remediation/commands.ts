/**
 * Command and link builders. A step that needs a name the incident does not carry gets no
 * command: its detail says in plain words which name is missing and how to find it, so nothing
 * with an unfilled placeholder is ever printed as ready to run.
 */
import type { Link, RemediationStep } from '../types';
import type { RemediationContext } from './context';

type Key = keyof RemediationContext;

const HOW_TO_FIND: Partial<Record<Key, string>> = {
  functionName:
    'The backend function name is not known from this input: pass --function to `apigw-responder classify`, or read it from the integration of the failing route.',
  authorizerFunctionName:
    "The authorizer function name is not known from this input: list the API's authorizers (`aws apigateway get-authorizers`) to find it.",
  apiId:
    'The API id is not known from this input: pass --api-id, or find it with `aws apigateway get-rest-apis` (REST) or `aws apigatewayv2 get-apis` (HTTP).',
  stage: 'The stage name is not known from this input: pass --stage.',
  credentialsRoleArn:
    "The credentials role is not named in this input: it is the integration's (or authorizer's) credentials setting.",
  vpcLinkId: 'The VPC link id is not known from this input: it is the connectionId of the failing integration.',
  targetGroupArn:
    "The NLB target group is not known from this input: it is the VPC link's load balancer's target group.",
  endpoint: 'The backend URL is not known from this input: it is the integration URI of the failing route.',
};

/** " --region eu-west-1" when the region is known; otherwise the CLI's configured default applies. */
export function regionFlag(ctx: RemediationContext): string {
  return ctx.region === undefined ? '' : ` --region ${ctx.region}`;
}

/** A region/account that is unknown is filled in by the shell when the command runs. */
export function regionOrShell(ctx: RemediationContext): string {
  return ctx.region ?? '$(aws configure get region)';
}

export function accountOrShell(ctx: RemediationContext): string {
  return ctx.accountId ?? '$(aws sts get-caller-identity --query Account --output text)';
}

export function isHttpApi(ctx: RemediationContext): boolean {
  return ctx.apiKind === 'HTTP';
}

/**
 * A step whose command needs some names. With all of them known it carries the command; otherwise
 * it keeps the title and detail and says which names are missing.
 */
export function step(
  ctx: RemediationContext,
  title: string,
  detail: string | undefined,
  needs: readonly Key[],
  command?: () => string,
): RemediationStep {
  const missing = needs.filter((k) => ctx[k] === undefined);
  if (command !== undefined && missing.length === 0) {
    return { title, ...(detail === undefined ? {} : { detail }), command: command() };
  }
  const notes = missing.map((k) => HOW_TO_FIND[k] ?? `${String(k)} is not known from this input.`);
  const text = [detail, ...notes].filter((t) => t !== undefined && t !== '').join(' ');
  return { title, ...(text === '' ? {} : { detail: text }) };
}

export function stageCommand(ctx: RemediationContext, verb: 'get-stage'): string {
  return isHttpApi(ctx)
    ? `aws apigatewayv2 ${verb} --api-id ${ctx.apiId} --stage-name ${ctx.stage}${regionFlag(ctx)}`
    : `aws apigateway ${verb} --rest-api-id ${ctx.apiId} --stage-name ${ctx.stage}${regionFlag(ctx)}`;
}

export function redeployCommand(ctx: RemediationContext): string {
  return isHttpApi(ctx)
    ? `aws apigatewayv2 create-deployment --api-id ${ctx.apiId} --stage-name ${ctx.stage}${regionFlag(ctx)}`
    : `aws apigateway create-deployment --rest-api-id ${ctx.apiId} --stage-name ${ctx.stage} --description "apigw-responder fix"${regionFlag(ctx)}`;
}

export function addInvokePermissionCommand(
  ctx: RemediationContext,
  functionName: string,
  sourceSuffix: string,
): string {
  const arn = `arn:aws:execute-api:${regionOrShell(ctx)}:${accountOrShell(ctx)}:${ctx.apiId}${sourceSuffix}`;
  return [
    `aws lambda add-permission --function-name ${functionName}`,
    `--statement-id apigateway-${ctx.apiId}-invoke`,
    '--action lambda:InvokeFunction --principal apigateway.amazonaws.com',
    `--source-arn "${arn}"${regionFlag(ctx)}`,
  ].join(' ');
}

/** --start-time/--end-time: the incident window, or the last three hours (GNU date) when there is none. */
export function timeRange(ctx: RemediationContext): string {
  return ctx.window === undefined
    ? "--start-time $(date -u -d '-3 hours' +%Y-%m-%dT%H:%M:%SZ) --end-time $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    : `--start-time ${ctx.window.start} --end-time ${ctx.window.end}`;
}

export function roleNameOf(roleArn: string): string {
  return roleArn.split('/').pop() ?? roleArn;
}

// --------------------------------------------------------------------------------------------
// Console deep links
// --------------------------------------------------------------------------------------------

function consoleBase(region: string): string {
  return `https://${region}.console.aws.amazon.com`;
}

/** CloudWatch console fragment encoding: URI-encode, then "%" → "$". */
function fragment(text: string): string {
  return encodeURIComponent(text).replace(/%/g, '$');
}

/** Logs Insights query-detail string encoding: URI-encode (also ' ( ) ~ * !), then "%" → "*". */
function insightsString(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%/g, '*');
}

export function logGroupLink(ctx: RemediationContext, logGroup: string, label: string): Link | undefined {
  if (ctx.region === undefined) return undefined;
  return {
    label,
    url: `${consoleBase(ctx.region)}/cloudwatch/home?region=${ctx.region}#logsV2:log-groups/log-group/${fragment(encodeURIComponent(logGroup))}`,
  };
}

export function insightsLink(
  ctx: RemediationContext,
  logGroups: readonly string[],
  query: string,
  label: string,
): Link | undefined {
  if (ctx.region === undefined || logGroups.length === 0) return undefined;
  const time =
    ctx.window === undefined
      ? "end~0~start~-10800~timeType~'RELATIVE~unit~'seconds"
      : `end~'${insightsString(ctx.window.end)}~start~'${insightsString(ctx.window.start)}~timeType~'ABSOLUTE`;
  const sources = logGroups.map((g) => `~'${insightsString(g)}`).join('');
  const detail = `~(${time}~tz~'UTC~editorString~'${insightsString(query)}~isLiveTail~false~source~(${sources}))`;
  return {
    label,
    url: `${consoleBase(ctx.region)}/cloudwatch/home?region=${ctx.region}#logsV2:logs-insights${fragment(`?queryDetail=${detail}`)}`,
  };
}

export function stageLink(ctx: RemediationContext): Link | undefined {
  if (ctx.region === undefined || ctx.apiId === undefined) return undefined;
  const base = `${consoleBase(ctx.region)}/apigateway/main`;
  return isHttpApi(ctx)
    ? {
        label: `API ${ctx.apiId} stage ${ctx.stage ?? ''}`.trim(),
        url: `${base}/develop/stages?api=${ctx.apiId}&region=${ctx.region}`,
      }
    : {
        label: `API ${ctx.apiId} stage ${ctx.stage ?? ''}`.trim(),
        url: `${base}/apis/${ctx.apiId}/stages?api=${ctx.apiId}&region=${ctx.region}`,
      };
}

export function functionLink(ctx: RemediationContext, functionName: string): Link | undefined {
  if (ctx.region === undefined) return undefined;
  return {
    label: `Lambda function ${functionName}`,
    url: `${consoleBase(ctx.region)}/lambda/home?region=${ctx.region}#/functions/${encodeURIComponent(functionName)}?tab=monitoring`,
  };
}

export function executionLogGroup(ctx: RemediationContext): string | undefined {
  if (isHttpApi(ctx) || ctx.apiId === undefined || ctx.stage === undefined) return undefined;
  return `API-Gateway-Execution-Logs_${ctx.apiId}/${ctx.stage}`;
}

export function functionLogGroup(functionName: string | undefined): string | undefined {
  return functionName === undefined ? undefined : `/aws/lambda/${functionName}`;
}

export const FAILING_REQUESTS_QUERY = [
  'fields @timestamp, @message',
  '| filter @message like /(?i)(execution failed|status: 5\\d\\d|timed out|customer function error|invocation failed|authorizer|"status":"?5)/',
  '| sort @timestamp desc',
  '| limit 200',
].join('\n');

export const FUNCTION_ERRORS_QUERY = [
  'fields @timestamp, @requestId, @message',
  '| filter @message like /(?i)(error|task timed out|exception|Status: (error|timeout)|Runtime\\.)/',
  '| sort @timestamp desc',
  '| limit 200',
].join('\n');

export function compact<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((i): i is T => i !== undefined);
}
