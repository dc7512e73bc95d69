/**
 * Backend Lambda functions (integrations and authorizers): configuration, reserved concurrency,
 * whether API Gateway may invoke them, their metrics over the window (one GetMetricData for all)
 * and their own log group (timeouts, errorType, init errors, out of memory).
 */
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { Finding, Incident, LambdaFinding } from '../../types';
import type { FunctionMetrics } from '../backend-ranking';
import { restSummary } from '../backend-rest-summary';
import { mapLimited } from '../concurrency';
import type { ApiModel } from '../discovery';
import { groupLines, isNotFound, logTemplateFinding } from '../log-lines';
import { coverageOf, sampledRest } from '../log-reading/coverage';
import { anyPhrase, LAMBDA_ERROR_PHRASES } from '../log-reading/filter-patterns';
import { focusOf } from '../log-reading/focus';
import { readNewestFirst } from '../log-reading/newest-first-reader';
import { softDeadline } from '../log-reading/read-budget';
import type { ProbeContext } from '../probe';
import { couldNotCheck, reasonOf, windowMs } from '../probe';

export const LAMBDA_LOG_FILTER = anyPhrase(LAMBDA_ERROR_PHRASES);

const TIMED_OUT = /Task timed out after [\d.]+ seconds|Status: timeout/;
const INIT_ERROR =
  /INIT_REPORT.*Status: (?:error|timeout)|Runtime\.(?:ImportModuleError|HandlerNotFound|UserCodeSyntaxError|MalformedHandlerName)|Init(?:ialization)? error/i;
const OUT_OF_MEMORY = /Runtime\.OutOfMemory|signal: killed|MemoryError|JavaScript heap out of memory|OutOfMemoryError/;
const REPORT_MEMORY = /Memory Size: (\d+) MB\s+Max Memory Used: (\d+) MB/;
const ERROR_TYPE =
  /"errorType"\s*:\s*"([^"]+)"|\[ERROR\]\s+([A-Za-z_][\w.]*(?:Error|Exception)):|\b(Runtime\.[A-Za-z]+)\b/g;
/** Lines that are evidence; START/END and ordinary REPORT lines are not. */
const EVIDENCE = new RegExp(
  `${TIMED_OUT.source}|${INIT_ERROR.source}|${OUT_OF_MEMORY.source}|"errorType"|\\bERROR\\b|Process exited before completing|Runtime exited with error`,
  'i',
);

function atMemoryLimit(line: string): boolean {
  const report = REPORT_MEMORY.exec(line);
  return report !== null && Number(report[2]) >= Number(report[1]) * 0.98;
}

export interface LambdaLogStats {
  timedOutCount: number;
  outOfMemoryCount: number;
  initErrorCount: number;
  errorTypes: string[];
  evidence: string[];
}

/** Reads the function's log lines (re-checked here whatever the server-side filter did). */
export function lambdaLogStats(lines: readonly string[]): LambdaLogStats {
  const stats: LambdaLogStats = {
    timedOutCount: 0,
    outOfMemoryCount: 0,
    initErrorCount: 0,
    errorTypes: [],
    evidence: [],
  };
  // Newer runtimes mark a timeout on the REPORT line, older ones log "Task timed out": count one per request.
  let reportTimeouts = 0;
  // Likewise an init failure shows on an INIT_REPORT line and/or as an errorType line.
  let initReports = 0;
  let initOther = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (/Task timed out after/.test(line)) stats.timedOutCount += 1;
    else if (TIMED_OUT.test(line)) reportTimeouts += 1;
    if (/^INIT_REPORT/.test(line) && INIT_ERROR.test(line)) initReports += 1;
    else if (!line.startsWith('REPORT') && INIT_ERROR.test(line)) initOther += 1;
    let nearMemoryLimit = false;
    const report = REPORT_MEMORY.exec(line);
    if (report !== null && Number(report[2]) >= Number(report[1]) * 0.98) nearMemoryLimit = true;
    if (nearMemoryLimit || (OUT_OF_MEMORY.test(line) && !line.startsWith('REPORT'))) stats.outOfMemoryCount += 1;
    for (const m of line.matchAll(ERROR_TYPE)) {
      const type = m[1] ?? m[2] ?? m[3];
      if (type !== undefined && !stats.errorTypes.includes(type)) stats.errorTypes.push(type);
    }
    if (nearMemoryLimit || (EVIDENCE.test(line) && !/^(START|END) RequestId/.test(line))) {
      if (!line.startsWith('REPORT') || nearMemoryLimit || TIMED_OUT.test(line)) stats.evidence.push(line);
    }
  }
  if (stats.timedOutCount === 0) stats.timedOutCount = reportTimeouts;
  stats.initErrorCount = initReports > 0 ? initReports : initOther;
  return stats;
}

/** Whether the resource policy lets apigateway.amazonaws.com invoke the function for this API. */
export function policyAllowsApiGateway(policy: string | undefined, apiId: string): boolean {
  if (policy === undefined) return false;
  let statements: unknown[];
  try {
    const parsed = JSON.parse(policy) as { Statement?: unknown };
    statements = Array.isArray(parsed.Statement)
      ? parsed.Statement
      : parsed.Statement === undefined
        ? []
        : [parsed.Statement];
  } catch {
    return false;
  }
  return statements.some((raw) => {
    const s = raw as { Effect?: string; Principal?: unknown; Action?: unknown; Condition?: unknown };
    if (s.Effect !== 'Allow') return false;
    const principal = JSON.stringify(s.Principal ?? '');
    if (!principal.includes('apigateway.amazonaws.com') && principal !== '"*"') return false;
    const actions = ([] as unknown[]).concat(s.Action ?? []);
    if (!actions.some((a) => a === 'lambda:InvokeFunction' || a === 'lambda:*' || a === '*')) return false;
    const sourceArn = /"(?:AWS:SourceArn|aws:SourceArn)"\s*:\s*(?:\[\s*)?"([^"]+)"/i.exec(
      JSON.stringify(s.Condition ?? {}),
    )?.[1];
    if (sourceArn === undefined) return true;
    const apiPart = sourceArn.split(':')[5]?.split('/')[0];
    return apiPart === undefined || apiPart === '*' || apiPart === apiId;
  });
}

function describe(
  name: string,
  role: string,
  config: FunctionConfiguration | undefined,
  metrics: FunctionMetrics | undefined,
  logs: LambdaLogStats | undefined,
  reserved: number | undefined,
  invokeAllowed: boolean | undefined,
): string {
  const parts: string[] = [];
  if (config !== undefined) {
    parts.push(
      `${config.Runtime ?? 'custom runtime'}, timeout ${config.Timeout ?? '?'} s, ${config.MemorySize ?? '?'} MB, ${config.State ?? '?'}/${config.LastUpdateStatus ?? '?'}`,
    );
  }
  if (reserved !== undefined) parts.push(`reserved concurrency ${reserved}`);
  if (invokeAllowed === false)
    parts.push('API Gateway is not allowed to invoke it (no matching resource policy statement)');
  if (metrics !== undefined) {
    const m = [
      metrics.invocations === undefined ? undefined : `${metrics.invocations} invocations`,
      metrics.errors === undefined ? undefined : `${metrics.errors} errors`,
      metrics.throttles === undefined ? undefined : `${metrics.throttles} throttles`,
      metrics.durationMaxMs === undefined ? undefined : `Duration max ${Math.round(metrics.durationMaxMs)} ms`,
      metrics.concurrentExecutionsMax === undefined ? undefined : `concurrency max ${metrics.concurrentExecutionsMax}`,
    ].filter((x) => x !== undefined);
    if (m.length > 0) parts.push(m.join(', '));
  }
  if (logs !== undefined) {
    const l = [
      logs.timedOutCount > 0 ? `${logs.timedOutCount} "Task timed out"` : undefined,
      logs.initErrorCount > 0 ? `${logs.initErrorCount} init errors` : undefined,
      logs.outOfMemoryCount > 0 ? `${logs.outOfMemoryCount} at the memory limit` : undefined,
      logs.errorTypes.length > 0 ? `errorType ${logs.errorTypes.join(', ')}` : undefined,
    ].filter((x) => x !== undefined);
    if (l.length > 0) parts.push(l.join(', '));
  }
  return `${role} function ${name}: ${parts.join('; ') || 'nothing known'}`;
}

async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

async function oneFunction(
  ctx: ProbeContext,
  model: ApiModel,
  incident: Incident,
  fn: { name: string; role: 'integration' | 'authorizer' },
  metrics: { value?: ReadonlyMap<string, FunctionMetrics>; error?: unknown },
  focusStart: number | undefined,
): Promise<Finding[]> {
  const { start, end } = windowMs(incident);
  const logGroupName = `/aws/lambda/${fn.name}`;
  const checkPolicy =
    fn.role === 'integration' &&
    model.integrations.some((i) => i.lambdaFunction === fn.name && i.credentialsRole === undefined);
  const [config, reserved, policy, logs] = await Promise.all([
    settle(ctx.discovery.functionConfiguration(fn.name)),
    settle(ctx.discovery.reservedConcurrency(fn.name)),
    checkPolicy
      ? settle(
          ctx.clients.lambda.send(new GetPolicyCommand({ FunctionName: fn.name })).then(
            (out) => out.Policy,
            (error: unknown) => {
              if (isNotFound(error)) return undefined;
              throw error;
            },
          ),
        )
      : Promise.resolve<{ value?: string; error?: unknown }>({}),
    settle(
      readNewestFirst(ctx.clients.logs, {
        logGroupName,
        start,
        end,
        ...(focusStart === undefined ? {} : { focusStart }),
        filterPattern: LAMBDA_LOG_FILTER,
        // Evidence lines, and REPORT lines at the memory limit.
        accept: (message) => EVIDENCE.test(message) || atMemoryLimit(message),
        budget: { ...ctx.options.logRead, maxPages: Math.max(1, Math.ceil(ctx.options.logRead.maxPages / 2)) },
        softDeadline: softDeadline(ctx.deadline),
        signal: ctx.signal,
      }),
    ),
  ]);
  const m = metrics;
  const findings: Finding[] = [];
  const notChecked = (what: string, error: unknown): void => {
    findings.push(couldNotCheck('lambda-backend', `${what} of ${fn.name}`, reasonOf(error)));
  };
  if (config.error !== undefined) notChecked('the configuration', config.error);
  if (reserved.error !== undefined) notChecked('the reserved concurrency', reserved.error);
  if (policy.error !== undefined) notChecked('the resource policy', policy.error);
  if (m.error !== undefined) notChecked('the metrics', m.error);
  let stats: LambdaLogStats | undefined;
  if (logs.error !== undefined) {
    if (isNotFound(logs.error)) {
      findings.push(
        couldNotCheck(
          'lambda-backend',
          `the logs of ${fn.name}`,
          `log group /aws/lambda/${fn.name} does not exist (the function never ran or logs elsewhere)`,
        ),
      );
    } else notChecked('the logs', logs.error);
  } else if (logs.value !== undefined) {
    stats = lambdaLogStats(logs.value.events.map((e) => e.message ?? ''));
    const evidence = stats.evidence.map((message) => ({ message }));
    const coverage = coverageOf(logGroupName, logs.value);
    ctx.reportCoverage(coverage);
    const sampled = coverage.mode === 'sample';
    findings.push(
      ...groupLines(evidence, (g) => ({
        ...logTemplateFinding('lambda-backend', 'lambda-log', g, { functionName: fn.name }),
        ...(sampled ? { sampled } : {}),
      })),
    );
    const rest = sampledRest('lambda-backend', `logs of ${fn.name}`, coverage);
    if (rest !== undefined) findings.push(rest);
  }
  const c = config.value;
  const fm = m.value?.get(fn.name);
  const invokeAllowed =
    checkPolicy && policy.error === undefined ? policyAllowsApiGateway(policy.value ?? undefined, model.id) : undefined;
  const lambda: LambdaFinding = {
    type: 'lambda',
    probe: 'lambda-backend',
    summary: describe(fn.name, fn.role, c, fm, stats, reserved.value, invokeAllowed),
    functionName: fn.name,
    role: fn.role,
    ...(c?.State === undefined ? {} : { state: c.State }),
    ...(c?.LastUpdateStatus === undefined ? {} : { lastUpdateStatus: c.LastUpdateStatus }),
    ...(c?.LastModified === undefined ? {} : { lastModified: c.LastModified }),
    ...(c?.Runtime === undefined ? {} : { runtime: c.Runtime }),
    ...(c?.Timeout === undefined ? {} : { timeoutSeconds: c.Timeout }),
    ...(c?.MemorySize === undefined ? {} : { memoryMb: c.MemorySize }),
    ...(reserved.value === undefined ? {} : { reservedConcurrency: reserved.value }),
    ...(c === undefined ? {} : { inVpc: (c.VpcConfig?.SubnetIds?.length ?? 0) > 0 }),
    ...(fm ?? {}),
    ...(stats === undefined
      ? {}
      : {
          timedOutCount: stats.timedOutCount,
          outOfMemoryCount: stats.outOfMemoryCount,
          initErrorCount: stats.initErrorCount,
          errorTypes: stats.errorTypes,
        }),
    ...(invokeAllowed === undefined ? {} : { apiGatewayInvokeAllowed: invokeAllowed }),
  };
  return [lambda, ...findings];
}

export async function lambdaBackendProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  if (model.functions.length === 0) return [];
  const [ranking, focus] = await Promise.all([ctx.discovery.backendRanking(), focusOf(ctx.discovery, ctx.deadline)]);
  const metrics = ranking.metrics === undefined ? { error: ranking.metricsError } : { value: ranking.metrics };
  // The deep dives share the service limiters; a few at a time keeps each one's calls together.
  const perFunction = await mapLimited(ranking.deepDive, 3, (fn) =>
    oneFunction(ctx, model, ctx.incident, fn, metrics, focus.focusStart),
  );
  const findings = perFunction.flat();
  if (ranking.rest.length > 0) findings.push(restSummary(ranking.rest, ranking.metrics, ctx.options.deepDive));
  return findings;
}
