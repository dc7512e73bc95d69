/**
 * The incident facts remediation fills into commands and links: region, account, API, stage,
 * backend function(s), timeouts. Taken from the incident and its findings, or — for the
 * `classify` command, which only has log lines — from ARNs and log-group names in the lines and
 * from explicit flags.
 */
import type { ApiKind, Finding, Incident, TimeWindow } from '../types';
import { apiAccount } from '../incidents/incident-keys';
import { lambdaFunctionName } from '../lambda-function-name';

export interface RemediationContext {
  readonly region?: string;
  readonly accountId?: string;
  readonly apiKind?: ApiKind;
  readonly apiId?: string;
  readonly apiName?: string;
  readonly stage?: string;
  /** The integration's backend function (name, not ARN). */
  readonly functionName?: string;
  readonly authorizerFunctionName?: string;
  readonly authorizerId?: string;
  /** The failing route, "GET /orders/{id}", when known. */
  readonly route?: string;
  readonly integrationTimeoutMs?: number;
  readonly functionTimeoutSeconds?: number;
  readonly functionMemoryMb?: number;
  readonly reservedConcurrency?: number;
  readonly functionInVpc?: boolean;
  readonly credentialsRoleArn?: string;
  readonly vpcLinkId?: string;
  readonly targetGroupArn?: string;
  /** HTTP backend URL (integration URI or "Sending request to" target). */
  readonly endpoint?: string;
  readonly accessLogGroup?: string;
  readonly window?: TimeWindow;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const REGION = String.raw`[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d`;
const FUNCTION_ARN = new RegExp(String.raw`arn:aws[\w-]*:lambda:(${REGION}):(\d{12}):function:([A-Za-z0-9_-]{1,64})`);
const ROLE_ARN = /arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,128}/;
const EXECUTE_API_ARN = new RegExp(
  String.raw`arn:aws[\w-]*:execute-api:(${REGION}):(\d{12}):([a-z0-9]{10})(?:\/([\w-]+))?`,
);
const EXECUTION_LOG_GROUP = /API-Gateway-Execution-Logs_([a-z0-9]{10})\/([\w-]+)/;
const LAMBDA_LOG_GROUP = /\/aws\/lambda\/([A-Za-z0-9_-]{1,64})/;
const INVOKE_URL = new RegExp(String.raw`https:\/\/([a-z0-9]{10})\.execute-api\.(${REGION})\.amazonaws\.com\/([\w-]+)`);
const SENDING_REQUEST = /sending request to (https?:\/\/[^\s"']+)/i;

/** Facts named in raw lines (ARNs, log groups, invoke URLs, backend URLs). First occurrence wins. */
export function remediationContextFromLines(lines: readonly string[]): RemediationContext {
  const ctx: Mutable<RemediationContext> = {};
  for (const line of lines) {
    const fn = FUNCTION_ARN.exec(line);
    if (fn !== null) {
      ctx.region ??= fn[1];
      ctx.accountId ??= fn[2];
      ctx.functionName ??= fn[3];
    }
    const role = ROLE_ARN.exec(line)?.[0];
    if (role !== undefined) ctx.credentialsRoleArn ??= role.replace(/[.,;:)]+$/, '');
    const api = EXECUTE_API_ARN.exec(line);
    if (api !== null) {
      ctx.region ??= api[1];
      ctx.accountId ??= api[2];
      ctx.apiId ??= api[3];
      if (api[4] !== undefined && api[4] !== '*') ctx.stage ??= api[4];
    }
    const group = EXECUTION_LOG_GROUP.exec(line);
    if (group !== null) {
      ctx.apiKind ??= 'REST';
      ctx.apiId ??= group[1];
      ctx.stage ??= group[2];
    }
    const lambdaGroup = LAMBDA_LOG_GROUP.exec(line)?.[1];
    if (lambdaGroup !== undefined) ctx.functionName ??= lambdaGroup;
    const url = INVOKE_URL.exec(line);
    if (url !== null) {
      ctx.apiId ??= url[1];
      ctx.region ??= url[2];
      ctx.stage ??= url[3];
    }
    const target = SENDING_REQUEST.exec(line)?.[1];
    if (target !== undefined && !/\.amazonaws\.com\//.test(target)) ctx.endpoint ??= target;
    if (/\bapigw-requestid\b/i.test(line)) ctx.apiKind ??= 'HTTP';
  }
  return ctx;
}

/** The facts of an incident and what the probes found about it. */
export function remediationContextFrom(incident: Incident, findings: readonly Finding[]): RemediationContext {
  const ctx: Mutable<RemediationContext> = {
    region: incident.region,
    // The API's account (a cross-account metric alarm's metric account): the commands name its ARNs.
    accountId: apiAccount(incident),
    apiKind: incident.api.kind,
    stage: incident.api.stage,
    window: incident.window,
    ...(incident.api.id === undefined ? {} : { apiId: incident.api.id }),
    ...(incident.api.name === undefined ? {} : { apiName: incident.api.name }),
  };
  for (const f of findings) {
    switch (f.type) {
      case 'integration':
        if (f.lambdaFunction !== undefined) ctx.functionName ??= lambdaFunctionName(f.lambdaFunction);
        ctx.route ??= f.route;
        ctx.integrationTimeoutMs ??= f.timeoutMs;
        if (f.credentialsRole !== undefined) ctx.credentialsRoleArn ??= f.credentialsRole;
        if (f.vpcLinkId !== undefined) ctx.vpcLinkId ??= f.vpcLinkId;
        if (f.authorizerId !== undefined) ctx.authorizerId ??= f.authorizerId;
        if (f.uri !== undefined && /^https?:\/\//.test(f.uri)) ctx.endpoint ??= f.uri;
        break;
      case 'lambda':
        if (f.role === 'authorizer') {
          ctx.authorizerFunctionName ??= lambdaFunctionName(f.functionName);
          break;
        }
        ctx.functionName ??= lambdaFunctionName(f.functionName);
        if (lambdaFunctionName(f.functionName) === ctx.functionName) {
          if (f.timeoutSeconds !== undefined) ctx.functionTimeoutSeconds ??= f.timeoutSeconds;
          if (f.memoryMb !== undefined) ctx.functionMemoryMb ??= f.memoryMb;
          if (f.reservedConcurrency !== undefined) ctx.reservedConcurrency ??= f.reservedConcurrency;
          if (f.inVpc !== undefined) ctx.functionInVpc ??= f.inVpc;
        }
        break;
      case 'authorizer':
        ctx.authorizerId ??= f.id;
        if (f.lambdaFunction !== undefined) ctx.authorizerFunctionName ??= lambdaFunctionName(f.lambdaFunction);
        break;
      case 'http-backend':
        ctx.endpoint ??= f.endpoint;
        if (f.targetGroupArn !== undefined) ctx.targetGroupArn ??= f.targetGroupArn;
        break;
      case 'stage':
        if (f.accessLogGroupArn !== undefined)
          ctx.accessLogGroup ??= f.accessLogGroupArn
            .replace(/^arn:[^:]+:logs:[^:]*:\d*:log-group:/, '')
            .replace(/:\*$/, '');
        break;
      case 'log-template':
        if (f.functionName !== undefined) ctx.functionName ??= lambdaFunctionName(f.functionName);
        break;
      default:
        break;
    }
  }
  const fromLines = remediationContextFromLines(
    findings.filter((f) => f.type === 'log-template').map((f) => f.example),
  );
  return { ...fromLines, ...ctx };
}
