/**
 * REST execution logs: the error lines of the window grouped by template, and "execution logging
 * is off" (no group, no events, or the stage setting) as a finding with its fix.
 */
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { requestIdOf, templateOf } from '../../logs/template';
import type { Finding } from '../../types';
import { groupLines, isNotFound, logTemplateFinding } from '../log-lines';
import { coverageOf, sampledRest } from '../log-reading/coverage';
import { logEventKey } from '../log-reading/event-key';
import { anyPhrase, EXECUTION_ERROR_PHRASES } from '../log-reading/filter-patterns';
import { focusOf } from '../log-reading/focus';
import { readNewestFirst, windowHasLines } from '../log-reading/newest-first-reader';
import { softDeadline } from '../log-reading/read-budget';
import { readTraces, traceSample } from '../log-reading/request-traces';
import type { ProbeContext } from '../probe';
import { couldNotCheck, windowMs } from '../probe';

/** Narrows the read on AWS to API Gateway's failure phrases; the emulator returns everything, so lines are re-checked. */
export const EXECUTION_LOG_FILTER = anyPhrase(EXECUTION_ERROR_PHRASES);

/** A line that is itself evidence of a failure. */
export const ERROR_LINE =
  /Execution failed|timed out|timeout error|Method completed with status: 5\d\d|Lambda invocation failed|Lambda execution failed|Invalid permissions|not authorized|does not have permission|Malformed|Unable to transform|Network error|PKIX|certificate subject|Rate Exceeded|TooManyRequests|Authorizer error|AuthorizerConfigurationException|Could not parse policy|internal error|payload size exceeded|Output mapping refers|Status: 5\d\d|\bException\b|errorMessage/i;

/** Context worth keeping only for a request that failed (the backend's answer). */
const CONTEXT_LINE = /Endpoint response body before transformations|Received response\. Status:/;

function loggingFix(apiId: string, stage: string): string {
  return (
    `Enable execution logging on the stage: aws apigateway update-stage --rest-api-id ${apiId} --stage-name ${stage} ` +
    `--patch-operations op=replace,path=/*/*/logging/loglevel,value=ERROR ` +
    `(the account also needs a CloudWatch Logs role: aws apigateway update-account --patch-operations ` +
    `op=replace,path=/cloudwatchRoleArn,value=<role-arn>)`
  );
}

/** Error lines plus the backend answers of the failing requests, in time order. */
export function failureLines(events: readonly FilteredLogEvent[]): { message: string; requestId?: string }[] {
  const lines = events.map((e) => ({ message: (e.message ?? '').trim(), requestId: requestIdOf(e.message ?? '') }));
  const failing = new Set(lines.filter((l) => ERROR_LINE.test(l.message)).flatMap((l) => l.requestId ?? []));
  return lines
    .filter(
      (l) =>
        ERROR_LINE.test(l.message) ||
        (CONTEXT_LINE.test(l.message) && l.requestId !== undefined && failing.has(l.requestId)),
    )
    .map((l) => (l.requestId === undefined ? { message: l.message } : l));
}

/**
 * Context lines seen while reading, by request id, kept only for requests that failed: every
 * request logs a "Received response" line, so keeping them for all would grow with the traffic.
 * A request's lines arrive together (one page covers its seconds), so lines of requests not known
 * to have failed are dropped whenever more than `max` requests are pending.
 */
class ContextLines {
  private readonly byRequest = new Map<string, FilteredLogEvent[]>();
  private readonly failed = new Set<string>();
  constructor(private readonly max: number) {}
  /** A failing line: its request's context is kept. */
  failing(message: string): void {
    const requestId = requestIdOf(message);
    if (requestId !== undefined && this.failed.size < this.max) this.failed.add(requestId);
  }
  offer(event: FilteredLogEvent): void {
    const requestId = requestIdOf(event.message ?? '');
    if (requestId === undefined) return;
    const lines = this.byRequest.get(requestId);
    if (lines !== undefined) {
      if (lines.length < MAX_CONTEXT_PER_REQUEST) lines.push(event);
      return;
    }
    if (this.byRequest.size >= 2 * this.max) {
      for (const id of this.byRequest.keys()) if (!this.failed.has(id)) this.byRequest.delete(id);
    }
    if (this.byRequest.size < 2 * this.max) this.byRequest.set(requestId, [event]);
  }
  of(requestId: string): readonly FilteredLogEvent[] {
    return this.byRequest.get(requestId) ?? [];
  }
}

const MAX_CONTEXT_PER_REQUEST = 8;

export async function executionLogsProbe(ctx: ProbeContext): Promise<Finding[]> {
  const { incident } = ctx;
  const model = ctx.discovery.apiModel();
  const apiId = incident.api.id ?? (await model).id;
  const stage = incident.api.stage;
  const logGroupName = `API-Gateway-Execution-Logs_${apiId}/${stage}`;
  const { start, end } = windowMs(incident);
  const what = `execution logs (${logGroupName})`;
  const budget = ctx.options.logRead;
  const focus = await focusOf(ctx.discovery, ctx.deadline);
  const context = new ContextLines(budget.maxKept);
  const readUntil = softDeadline(ctx.deadline);
  let read;
  try {
    read = await readNewestFirst(ctx.clients.logs, {
      logGroupName,
      start,
      end,
      ...(focus.focusStart === undefined ? {} : { focusStart: focus.focusStart }),
      filterPattern: EXECUTION_LOG_FILTER,
      accept: (message) => {
        if (!ERROR_LINE.test(message)) return false;
        context.failing(message);
        return true;
      },
      onRejected: (event) => {
        if (CONTEXT_LINE.test(event.message ?? '')) context.offer(event);
      },
      budget,
      softDeadline: readUntil,
      signal: ctx.signal,
    });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return [
      couldNotCheck(
        'execution-logs',
        what,
        'execution logging is off: the log group does not exist',
        loggingFix(apiId, stage),
      ),
    ];
  }
  const coverage = coverageOf(logGroupName, read, { errorsFromMetrics: focus.errors5xx });
  ctx.reportCoverage(coverage);
  let events: FilteredLogEvent[] = [...read.events];
  // Drill into a few failing requests for their whole trace (what the backend answered), unless
  // the read already brought their other lines or the stage logs errors only.
  const setting = await model.then(
    (m) => m.stage.executionLogging,
    () => undefined,
  );
  const failures = read.events.map((e) => ({
    requestId: requestIdOf(e.message ?? ''),
    at: e.timestamp ?? end,
    shape: templateOf((e.message ?? '').replace(/^\([^)]*\)\s*/, '')),
  }));
  const sample = traceSample(failures, budget.traceSample);
  for (const id of new Set(failures.flatMap((f) => f.requestId ?? []))) events.push(...context.of(id));
  const untraced = setting === 'ERROR' ? [] : sample.filter((r) => context.of(r.requestId).length === 0);
  if (untraced.length > 0) {
    const lookbackMs =
      (await model.then(
        (m) => Math.max(29_000, ...m.integrations.map((i) => i.timeoutMs)),
        () => 29_000,
      )) + 5_000;
    const traces = await readTraces(ctx.clients.logs, {
      logGroupName,
      requests: untraced,
      lookbackMs,
      deadline: ctx.deadline - 250,
      signal: ctx.signal,
    });
    events.push(...traces.events);
  }
  const seen = new Set<string>();
  events = events
    .filter((e) => {
      const key = logEventKey(e);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
  const lines = failureLines(events);
  if (lines.length > 0) {
    const sampled = coverage.mode === 'sample';
    const findings: Finding[] = groupLines(lines, (g) => ({
      ...logTemplateFinding('execution-logs', 'execution-log', g, {
        ...(sampled ? { summary: `${g.count} × execution-log (in the sample read): ${g.example.slice(0, 200)}` } : {}),
      }),
      ...(sampled ? { sampled } : {}),
    }));
    const rest = sampledRest('execution-logs', what, coverage);
    if (rest !== undefined) findings.push(rest);
    return findings;
  }
  if (setting === 'OFF') {
    return [couldNotCheck('execution-logs', what, 'execution logging is off on the stage', loggingFix(apiId, stage))];
  }
  if (read.linesRead === 0 && read.complete) {
    // The filter found nothing: is the group empty for the window, or were there just no errors?
    const hasLines = await windowHasLines(ctx.clients.logs, {
      logGroupName,
      start,
      end,
      softDeadline: softDeadline(ctx.deadline),
      signal: ctx.signal,
    });
    if (!hasLines) {
      return [
        couldNotCheck(
          'execution-logs',
          what,
          `execution logging is ${setting === undefined ? 'on' : `set to ${setting}`} but the group has no events in the window`,
          loggingFix(apiId, stage),
        ),
      ];
    }
  }
  const rest = sampledRest('execution-logs', what, coverage);
  return rest === undefined ? [] : [rest];
}
