/** What the classification could not see: the "what is missing" of an UNKNOWN (and context otherwise). */
import type { RuleContext } from './rule';

export function missingEvidence(context: RuleContext): string[] {
  const out: string[] = [];
  for (const c of context.couldNotCheck) out.push(`${c.what}: ${c.why}${c.fix === undefined ? '' : ` (${c.fix})`}`);
  for (const stage of context.stages) {
    if (stage.executionLogging === 'OFF') {
      out.push('execution logging is off on the stage: enable it (ERROR or INFO) to see why API Gateway failed');
    }
    if (stage.executionLogging === 'UNSUPPORTED' && !/integrationErrorMessage/i.test(stage.accessLogFormat ?? '')) {
      out.push(
        stage.accessLogGroupArn === undefined
          ? 'access logging is off on this HTTP API stage (HTTP APIs have no execution logs)'
          : 'the access log format lacks $context.integrationErrorMessage and $context.error.responseType',
      );
    }
  }
  const hasOtherFindings =
    context.metrics.length + context.lambdas.length + context.integrations.length + context.httpBackends.length > 0;
  if (context.lines.length === 0) {
    if (!hasOtherFindings && context.couldNotCheck.length === 0) out.push('no log lines or findings were given');
    else out.push('no log lines were available');
    return dedupe(out);
  }
  const sources = new Set(context.lines.map((l) => l.source));
  if (!sources.has('execution-log') && !sources.has('access-log')) {
    out.push(
      context.httpApi
        ? 'no API Gateway access-log lines with the integration error (HTTP APIs write no execution logs)'
        : 'no API Gateway execution-log lines (is execution logging on for the stage?)',
    );
  }
  if (sources.size === 1 && sources.has('client'))
    out.push('only client-side output was given, which shows the status but rarely the cause');
  if (!sources.has('lambda-log') && context.lambdas.length === 0) out.push('no backend (Lambda) log lines');
  return dedupe(out);
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}
