/**
 * REST execution logs: the error lines of the window grouped by template, and "execution logging
 * is off" (no group, no events, or the stage setting) as a finding with its fix.
 */
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { requestIdOf } from '../../logs/template';
import type { Finding } from '../../types';
import { groupLines, isNotFound, logTemplateFinding, readLogGroup } from '../log-lines';
import type { ProbeContext } from '../probe';
import { couldNotCheck, windowMs } from '../probe';

/** Narrows the read on AWS; an emulator may return everything, so lines are re-checked below. */
export const EXECUTION_LOG_FILTER = [
  'Execution failed',
  'timed out',
  'Method completed with status: 5',
  'Lambda invocation failed',
  'Lambda execution failed',
  'Invalid permissions',
  'not authorized',
  'Malformed',
  'Unable to transform',
  'Network error',
  'PKIX',
  'Rate Exceeded',
  'Authorizer',
  'Endpoint response body',
  'Received response',
  'error',
  'Error',
  'Exception',
]
  .map((term) => `?"${term}"`)
  .join(' ');

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

export async function executionLogsProbe(ctx: ProbeContext): Promise<Finding[]> {
  const { incident } = ctx;
  const model = ctx.discovery.apiModel();
  const apiId = incident.api.id ?? (await model).id;
  const stage = incident.api.stage;
  const logGroupName = `API-Gateway-Execution-Logs_${apiId}/${stage}`;
  const { start, end } = windowMs(incident);
  const what = `execution logs (${logGroupName})`;
  let events: readonly FilteredLogEvent[];
  let truncated: boolean;
  try {
    ({ events, truncated } = await readLogGroup(ctx.clients, {
      logGroupName,
      start,
      end,
      filterPattern: EXECUTION_LOG_FILTER,
      maxPages: ctx.options.maxLogPages,
    }));
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
  const lines = failureLines(events);
  if (lines.length > 0) {
    const findings: Finding[] = groupLines(lines, (g) => logTemplateFinding('execution-logs', 'execution-log', g));
    if (truncated) {
      findings.push(
        couldNotCheck(
          'execution-logs',
          `all ${what}`,
          `stopped after ${ctx.options.maxLogPages} pages of matching lines`,
        ),
      );
    }
    return findings;
  }
  const setting = await model.then(
    (m) => m.stage.executionLogging,
    () => undefined,
  );
  if (setting === 'OFF') {
    return [couldNotCheck('execution-logs', what, 'execution logging is off on the stage', loggingFix(apiId, stage))];
  }
  if (events.length === 0) {
    // The filter found nothing: is the group empty for the window, or were there just no errors?
    const any = await readLogGroup(ctx.clients, { logGroupName, start, end, maxPages: 1 });
    if (any.events.length === 0) {
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
  return [];
}
