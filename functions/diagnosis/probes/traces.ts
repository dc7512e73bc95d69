/** X-Ray fault and error trace summaries of the stage in the window, when tracing is on. */
import { GetTraceSummariesCommand } from '@aws-sdk/client-xray';
import type { TraceSummary } from '@aws-sdk/client-xray';
import type { Finding, TraceFinding } from '../../types';
import type { ProbeContext } from '../probe';
import { couldNotCheck, windowMs } from '../probe';

export async function tracesProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  if (!model.stage.tracingEnabled) {
    return [
      couldNotCheck(
        'traces',
        'X-Ray traces',
        'active tracing is off on the stage',
        `aws apigateway update-stage --rest-api-id ${model.id} --stage-name ${model.stage.name} --patch-operations op=replace,path=/tracingEnabled,value=true`,
      ),
    ];
  }
  const { start, end } = windowMs(ctx.incident);
  const service = `${model.name ?? model.id}/${model.stage.name}`;
  const summaries: TraceSummary[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const page = await ctx.clients.xray.send(
      new GetTraceSummariesCommand({
        StartTime: new Date(start),
        EndTime: new Date(end),
        FilterExpression: `service("${service}") { fault = true OR error = true }`,
        ...(next === undefined ? {} : { NextToken: next }),
      }),
    );
    summaries.push(...(page.TraceSummaries ?? []));
    next = page.NextToken;
    pages += 1;
  } while (next !== undefined && pages < 2);
  const rootCauses = new Map<string, number>();
  for (const s of summaries) {
    for (const cause of s.FaultRootCauses ?? []) {
      for (const svc of cause.Services ?? []) {
        const exceptions = (svc.EntityPath ?? []).flatMap((e) =>
          (e.Exceptions ?? []).map((x) => x.Name ?? x.Message ?? ''),
        );
        const key = `${svc.Name ?? '?'}${exceptions.length > 0 ? `: ${exceptions.filter(Boolean).join(', ')}` : ''}`;
        rootCauses.set(key, (rootCauses.get(key) ?? 0) + 1);
      }
    }
  }
  const faultCount = summaries.filter((s) => s.HasFault === true).length;
  const errorCount = summaries.filter((s) => s.HasError === true).length;
  const throttleCount = summaries.filter((s) => s.HasThrottle === true).length;
  const causes = [...rootCauses.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const finding: TraceFinding = {
    type: 'traces',
    probe: 'traces',
    summary: `X-Ray: ${faultCount} fault, ${errorCount} error, ${throttleCount} throttle traces${causes.length > 0 ? `; root causes: ${causes.slice(0, 3).join('; ')}` : ''}`,
    faultCount,
    errorCount,
    throttleCount,
    traceIds: summaries.slice(0, 5).flatMap((s) => (s.Id === undefined ? [] : [s.Id])),
    rootCauses: causes.slice(0, 10),
  };
  return [finding];
}
