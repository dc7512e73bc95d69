/**
 * The stage's access log: status histogram, the failing requests grouped by what the format
 * tells (status, error response type, integration error, route) and the top failing routes.
 */
import { redact } from '../../redact';
import { templateOf } from '../../logs/template';
import type { Finding, LogTemplateFinding } from '../../types';
import { isNotFound } from '../log-lines';
import { coverageOf, sampledRest } from '../log-reading/coverage';
import { accessFailurePattern } from '../log-reading/filter-patterns';
import { focusOf } from '../log-reading/focus';
import { readNewestFirst, windowHasLines } from '../log-reading/newest-first-reader';
import { softDeadline } from '../log-reading/read-budget';
import type { ProbeContext } from '../probe';
import { couldNotCheck, windowMs } from '../probe';

/** Our field names for the $context variables that matter, first match wins. */
const CONTEXT_FIELDS: readonly (readonly [string, readonly string[]])[] = [
  ['status', ['status']],
  ['responseType', ['error.responseType']],
  ['errorMessage', ['error.message']],
  ['integrationError', ['integrationErrorMessage', 'integration.error']],
  ['integrationStatus', ['integration.status', 'integrationStatus', 'integration.integrationStatus']],
  ['authorizerError', ['authorizer.error', 'authorize.error']],
  ['integrationLatency', ['integration.latency', 'integrationLatency']],
  ['routeKey', ['routeKey']],
  ['httpMethod', ['httpMethod']],
  ['resourcePath', ['resourcePath', 'path']],
  ['requestId', ['requestId', 'extendedRequestId']],
];

/** Which JSON key of the access log format holds which $context variable. */
export function fieldKeysOf(format: string | undefined): Map<string, string> {
  const byVariable = new Map<string, string>();
  for (const m of (format ?? '').matchAll(/"([^"]+)"\s*:\s*"?\$context\.([A-Za-z0-9.]+)/g)) {
    if (m[1] !== undefined && m[2] !== undefined) byVariable.set(m[2], m[1]);
  }
  const keys = new Map<string, string>();
  for (const [field, variables] of CONTEXT_FIELDS) {
    const key = variables.map((v) => byVariable.get(v)).find((k) => k !== undefined);
    keys.set(field, key ?? field);
  }
  return keys;
}

export interface AccessRecord {
  readonly status?: number;
  readonly fields: Record<string, string>;
  readonly route?: string;
  readonly line: string;
}

export function parseAccessLine(line: string, keys: Map<string, string>): AccessRecord {
  let json: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      json = parsed as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  const fields: Record<string, string> = {};
  if (json !== undefined) {
    for (const [field] of CONTEXT_FIELDS) {
      const value = json[keys.get(field) ?? field];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        const text = String(value);
        if (text !== '' && text !== '-') fields[field] = redact(text);
      }
    }
  } else {
    // Common Log Format and friends: '"GET /orders HTTP/1.1" 504 ...'
    const clf = /"([A-Z]+) (\S+) [^"]*" (\d{3})\b/.exec(line);
    if (clf?.[3] !== undefined) {
      fields.status = clf[3];
      fields.httpMethod = clf[1] ?? '';
      fields.resourcePath = clf[2] ?? '';
    }
  }
  const status = fields.status === undefined ? undefined : Number(fields.status);
  const route =
    fields.routeKey ??
    (fields.httpMethod !== undefined && fields.resourcePath !== undefined
      ? `${fields.httpMethod} ${fields.resourcePath}`
      : undefined);
  return {
    ...(status === undefined || Number.isNaN(status) ? {} : { status }),
    fields,
    ...(route === undefined ? {} : { route }),
    line,
  };
}

/**
 * The status of an access-log line without parsing all of it (the reader sees every line the
 * service returns, up to a page budget of them): the JSON key's value or the CLF status field.
 */
export function statusReader(statusKey: string): (line: string) => number | undefined {
  const json = new RegExp(`"${statusKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:\\s*"?(\\d{3})\\b`);
  return (line) => {
    const text = json.exec(line)?.[1] ?? /"[A-Z]+ \S+ [^"]*" (\d{3})\b/.exec(line)?.[1];
    return text === undefined ? undefined : Number(text);
  };
}

function logGroupOf(arn: string): string | undefined {
  return /:log-group:([^:]+)(?::\*)?$/.exec(arn)?.[1];
}

const GROUP_FIELDS = [
  'status',
  'responseType',
  'integrationError',
  'integrationStatus',
  'authorizerError',
  'errorMessage',
];

export async function accessLogsProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  const { accessLogGroupArn, accessLogFormat } = model.stage;
  const fix =
    model.kind === 'REST'
      ? `aws apigateway update-stage --rest-api-id ${model.id} --stage-name ${model.stage.name} --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log-group-arn> 'op=replace,path=/accessLogSettings/format,value={"requestId":"$context.requestId","status":"$context.status","routeKey":"$context.httpMethod $context.resourcePath","responseType":"$context.error.responseType","integrationError":"$context.integration.error","integrationStatus":"$context.integration.status"}'`
      : `aws apigatewayv2 update-stage --api-id ${model.id} --stage-name ${model.stage.name} --access-log-settings 'DestinationArn=<log-group-arn>,Format={"requestId":"$context.requestId","status":"$context.status","routeKey":"$context.routeKey","integrationError":"$context.integrationErrorMessage","integrationStatus":"$context.integration.status","responseType":"$context.error.responseType","authorizerError":"$context.authorizer.error"}'`;
  if (accessLogGroupArn === undefined) {
    return [couldNotCheck('access-logs', 'access logs', 'access logging is not configured on the stage', fix)];
  }
  const logGroupName = logGroupOf(accessLogGroupArn);
  if (logGroupName === undefined) {
    return [
      couldNotCheck('access-logs', 'access logs', `the stage logs to ${accessLogGroupArn}, not to CloudWatch Logs`),
    ];
  }
  // Another API's group named in this stage's settings is not read (the finding comes from discovery).
  if (!ctx.discovery.mayReadAccessLogGroup(logGroupName)) return [];
  const what = `access logs (${logGroupName})`;
  const { start, end } = windowMs(ctx.incident);
  const keys = fieldKeysOf(accessLogFormat);
  const statusKey = keys.get('status') ?? 'status';
  const statusOfLine = statusReader(statusKey);
  const focus = await focusOf(ctx.discovery, ctx.deadline);
  // Every line returned is counted by status; only failing lines are kept and parsed in full.
  const histogram = new Map<string, number>();
  let result;
  try {
    result = await readNewestFirst(ctx.clients.logs, {
      logGroupName,
      start,
      end,
      ...(focus.focusStart === undefined ? {} : { focusStart: focus.focusStart }),
      ...((p) => (p === undefined ? {} : { filterPattern: p }))(accessFailurePattern(accessLogFormat, statusKey)),
      accept: (message) => {
        const status = statusOfLine(message);
        const key = String(status ?? '?');
        histogram.set(key, (histogram.get(key) ?? 0) + 1);
        return status !== undefined && status >= 500;
      },
      budget: ctx.options.logRead,
      softDeadline: softDeadline(ctx.deadline),
      signal: ctx.signal,
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return [couldNotCheck('access-logs', what, 'the access log group does not exist', fix)];
  }
  const coverage = coverageOf(logGroupName, result, {
    errorsFromMetrics: focus.errors5xx,
    requestsFromMetrics: focus.requests,
  });
  ctx.reportCoverage(coverage);
  const sampled = coverage.mode === 'sample';
  const records = result.events.map((e) => parseAccessLine((e.message ?? '').trim(), keys));
  const linesRead = result.linesRead;
  const histogramText = [...histogram.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status} × ${n}`)
    .join(', ');
  const failing = records.filter((r) => r.status !== undefined && r.status >= 500);
  const routes = new Map<string, number>();
  for (const r of failing) if (r.route !== undefined) routes.set(r.route, (routes.get(r.route) ?? 0) + 1);
  ctx.discovery.reportFailingRoutes(routes);
  const topRoutes = [...routes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);

  const groups = new Map<
    string,
    { fields: Record<string, string>; count: number; example: string; requestIds: string[]; first: number }
  >();
  failing.forEach((r, index) => {
    const fields: Record<string, string> = {};
    for (const f of GROUP_FIELDS) if (r.fields[f] !== undefined) fields[f] = r.fields[f];
    if (r.route !== undefined) fields.route = r.route;
    const key = JSON.stringify(Object.entries(fields).map(([k, v]) => [k, k === 'route' ? v : templateOf(v)]));
    let group = groups.get(key);
    if (group === undefined) {
      group = { fields, count: 0, example: redact(r.line), requestIds: [], first: index };
      groups.set(key, group);
    }
    group.count += 1;
    const requestId = r.fields.requestId;
    if (requestId !== undefined && group.requestIds.length < 5 && !group.requestIds.includes(requestId)) {
      group.requestIds.push(requestId);
    }
  });
  const scope = sampled
    ? `a sample of ${linesRead} lines read (${coverage.statement})`
    : `${linesRead} requests logged`;
  const context = `${scope} (${histogramText || 'none'})${
    topRoutes.length === 0 ? '' : `; top failing routes: ${topRoutes.map(([r, n]) => `${r} (${n})`).join(', ')}`
  }`;
  const findings: Finding[] = [...groups.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((g): LogTemplateFinding => {
      const detail = [g.fields.responseType, g.fields.integrationError, g.fields.authorizerError, g.fields.errorMessage]
        .filter((x) => x !== undefined)
        .join(' / ');
      return {
        type: 'log-template',
        probe: 'access-logs',
        source: 'access-log',
        template: templateOf(g.example),
        count: g.count,
        example: g.example,
        requestIds: g.requestIds,
        fields: g.fields,
        ...(sampled ? { sampled } : {}),
        summary: `${g.count} × access log status ${g.fields.status ?? '?'}${g.fields.route === undefined ? '' : ` on ${g.fields.route}`}${detail === '' ? '' : `: ${detail}`} — of ${context}`,
      };
    });
  if (findings.length === 0 && linesRead === 0 && result.complete && result.patternRejected !== true) {
    // A filtered read found nothing: an empty group, or no failing request in the window?
    const hasLines = await windowHasLines(ctx.clients.logs, {
      logGroupName,
      start,
      end,
      softDeadline: softDeadline(ctx.deadline),
      signal: ctx.signal,
    });
    if (!hasLines) {
      return [couldNotCheck('access-logs', what, 'the access log group has no events in the window')];
    }
  }
  const rest = sampledRest('access-logs', what, coverage);
  if (rest !== undefined) findings.push(rest);
  return findings;
}
