/**
 * Backend Lambda functions (integrations and authorizers): configuration, reserved concurrency,
 * whether API Gateway may invoke them, their metrics over the window (one GetMetricData for all)
 * and their own log group (timeouts, errorType, init errors, out of memory).
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { Finding, Incident, LambdaFinding } from '../../types';
import type { ApiModel } from '../discovery';
import { getMetricData } from '../metric-data';
import { groupLines, isNotFound, logTemplateFinding, readLogGroup } from '../log-lines';
import type { ProbeContext } from '../probe';
import { couldNotCheck, reasonOf, windowMs } from '../probe';

export const LAMBDA_LOG_FILTER = [
  'Task timed out',
  'REPORT',
  'errorType',
  'ERROR',
  'Error',
  'Runtime.',
  'INIT_REPORT',
  'Process exited',
  'Runtime exited',
]
  .map((t) => `?"${t}"`)
  .join(' ');

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

interface FunctionMetrics {
  errors?: number;
  throttles?: number;
  durationMaxMs?: number;
  concurrentExecutionsMax?: number;
  invocations?: number;
}

async function functionMetrics(ctx: ProbeContext, names: readonly string[]): Promise<Map<string, FunctionMetrics>> {
  const { start, end } = windowMs(ctx.incident);
  const specs = [
    ['errors', 'Errors', 'Sum'],
    ['throttles', 'Throttles', 'Sum'],
    ['durationMaxMs', 'Duration', 'Maximum'],
    ['concurrentExecutionsMax', 'ConcurrentExecutions', 'Maximum'],
    ['invocations', 'Invocations', 'Sum'],
  ] as const;
  const queries: MetricDataQuery[] = names.flatMap((name, i) =>
    specs.map(([key, metricName, stat]) => ({
      Id: `f${i}_${key.toLowerCase()}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: metricName,
          Dimensions: [{ Name: 'FunctionName', Value: name }],
        },
        Period: 60,
        Stat: stat,
      },
      ReturnData: true,
    })),
  );
  const results = await getMetricData(ctx.clients.cloudWatch, {
    start: new Date(Math.floor(start / 60_000) * 60_000),
    end: new Date(end),
    queries,
  });
  const out = new Map<string, FunctionMetrics>();
  names.forEach((name, i) => {
    const m: FunctionMetrics = {};
    for (const [key, , stat] of specs) {
      const values = results.filter((r) => r.Id === `f${i}_${key.toLowerCase()}`).flatMap((r) => r.Values ?? []);
      if (values.length === 0) continue;
      m[key] = stat === 'Sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
    }
    out.set(name, m);
  });
  return out;
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
  metrics: Promise<{ value?: Map<string, FunctionMetrics>; error?: unknown }>,
): Promise<Finding[]> {
  const { start, end } = windowMs(incident);
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
      readLogGroup(ctx.clients, {
        logGroupName: `/aws/lambda/${fn.name}`,
        start,
        end,
        filterPattern: LAMBDA_LOG_FILTER,
        maxPages: ctx.options.maxLogPages,
      }),
    ),
  ]);
  const m = await metrics;
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
    findings.push(
      ...groupLines(evidence, (g) => logTemplateFinding('lambda-backend', 'lambda-log', g, { functionName: fn.name })),
    );
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
  const metrics = settle(
    functionMetrics(
      ctx,
      model.functions.map((f) => f.name),
    ),
  );
  const perFunction = await Promise.all(
    model.functions.map((fn) => oneFunction(ctx, model, ctx.incident, fn, metrics)),
  );
  return perFunction.flat();
}
