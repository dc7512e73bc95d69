/**
 * What changed inside the window or shortly before it: API deployments, the stage update, backend
 * function updates, and CloudTrail write events on the API and its functions when permitted.
 */
import { GetDeploymentsCommand } from '@aws-sdk/client-api-gateway';
import { GetDeploymentsCommand as GetDeploymentsV2Command } from '@aws-sdk/client-apigatewayv2';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { ChangeFinding, Finding } from '../../types';
import type { ApiModel } from '../discovery';
import type { ProbeContext } from '../probe';
import { couldNotCheck, reasonOf, windowMs } from '../probe';

/** How far before the window a change still counts as "shortly before". */
export const CHANGE_LOOKBACK_MS = 60 * 60_000;

function change(
  at: string,
  what: ChangeFinding['what'],
  resource: string,
  summary: string,
  extra: { actor?: string; description?: string } = {},
): ChangeFinding {
  return {
    type: 'change',
    probe: 'changes',
    summary,
    at,
    what,
    resource,
    ...(extra.actor === undefined ? {} : { actor: extra.actor }),
    ...(extra.description === undefined ? {} : { description: extra.description }),
  };
}

async function deployments(
  ctx: ProbeContext,
  model: ApiModel,
): Promise<{ id: string; at: Date; description?: string }[]> {
  if (model.kind === 'REST') {
    const out = await ctx.clients.apiGateway.send(new GetDeploymentsCommand({ restApiId: model.id, limit: 500 }));
    return (out.items ?? []).flatMap((d) =>
      d.id === undefined || d.createdDate === undefined
        ? []
        : [{ id: d.id, at: d.createdDate, ...(d.description ? { description: d.description } : {}) }],
    );
  }
  const out = await ctx.clients.apiGatewayV2.send(new GetDeploymentsV2Command({ ApiId: model.id, MaxResults: '500' }));
  return (out.Items ?? []).flatMap((d) =>
    d.DeploymentId === undefined || d.CreatedDate === undefined
      ? []
      : [{ id: d.DeploymentId, at: d.CreatedDate, ...(d.Description ? { description: d.Description } : {}) }],
  );
}

async function cloudTrailWrites(
  ctx: ProbeContext,
  resource: string,
  from: number,
  to: number,
): Promise<ChangeFinding[]> {
  const out: ChangeFinding[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const page = await ctx.clients.cloudTrail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: resource }],
        StartTime: new Date(from),
        EndTime: new Date(to),
        MaxResults: 50,
        ...(next === undefined ? {} : { NextToken: next }),
      }),
    );
    for (const e of page.Events ?? []) {
      if (e.ReadOnly === 'true' || e.EventTime === undefined) continue;
      out.push(
        change(
          e.EventTime.toISOString(),
          'cloudtrail',
          resource,
          `${e.EventName ?? 'write'} on ${resource} by ${e.Username ?? 'unknown'} at ${e.EventTime.toISOString()}`,
          {
            ...(e.Username === undefined ? {} : { actor: e.Username }),
            ...(e.EventName === undefined ? {} : { description: `${e.EventSource ?? ''} ${e.EventName}`.trim() }),
          },
        ),
      );
    }
    next = page.NextToken;
    pages += 1;
  } while (next !== undefined && pages < 2);
  return out;
}

export async function changesProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  const { start, end } = windowMs(ctx.incident);
  const from = start - CHANGE_LOOKBACK_MS;
  const inRange = (t: number): boolean => t >= from && t <= end;
  const functions = model.functions.map((f) => f.name);
  const [deploys, configs, trails] = await Promise.all([
    deployments(ctx, model).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    Promise.all(
      functions.map((name) =>
        ctx.discovery.functionConfiguration(name).then(
          (value) => ({ name, value }),
          (error: unknown) => ({ name, error }),
        ),
      ),
    ),
    Promise.all(
      [model.id, ...functions].map((resource) =>
        cloudTrailWrites(ctx, resource, from, end).then(
          (value) => ({ resource, value }),
          (error: unknown) => ({ resource, error }),
        ),
      ),
    ),
  ]);
  const findings: ChangeFinding[] = [];
  const notChecked: Finding[] = [];
  if ('error' in deploys) notChecked.push(couldNotCheck('changes', 'API deployments', reasonOf(deploys.error)));
  else {
    for (const d of deploys.value) {
      if (!inRange(d.at.getTime())) continue;
      const current = d.id === model.stage.deploymentId ? ' (the stage runs it)' : '';
      findings.push(
        change(
          d.at.toISOString(),
          'deployment',
          `${model.id}/${d.id}`,
          `deployment ${d.id} of ${model.name ?? model.id} at ${d.at.toISOString()}${current}`,
          {
            ...(d.description === undefined ? {} : { description: d.description }),
          },
        ),
      );
    }
  }
  const stageUpdated = model.stage.lastUpdated;
  if (stageUpdated !== undefined && stageUpdated !== model.stage.createdDate && inRange(Date.parse(stageUpdated))) {
    findings.push(
      change(
        stageUpdated,
        'stage-update',
        `${model.id}/${model.stage.name}`,
        `stage ${model.stage.name} updated at ${stageUpdated}`,
      ),
    );
  }
  for (const c of configs) {
    if ('error' in c) {
      notChecked.push(couldNotCheck('changes', `updates of ${c.name}`, reasonOf(c.error)));
      continue;
    }
    const modified = c.value.LastModified === undefined ? Number.NaN : Date.parse(c.value.LastModified);
    if (!Number.isNaN(modified) && inRange(modified)) {
      const at = new Date(modified).toISOString();
      findings.push(change(at, 'function-update', c.name, `function ${c.name} updated at ${at}`));
    }
  }
  const trailErrors = trails.filter((t): t is { resource: string; error: unknown } => 'error' in t);
  if (trailErrors[0] !== undefined) {
    notChecked.push(couldNotCheck('changes', 'CloudTrail write events', reasonOf(trailErrors[0].error)));
  }
  const seen = new Set<string>();
  for (const t of trails) {
    if (!('value' in t)) continue;
    for (const f of t.value) {
      const key = `${f.at} ${f.description ?? ''} ${f.resource}`;
      if (!seen.has(key)) {
        seen.add(key);
        findings.push(f);
      }
    }
  }
  findings.sort(
    (a, b) => a.at.localeCompare(b.at) || a.what.localeCompare(b.what) || a.resource.localeCompare(b.resource),
  );
  return [...findings, ...notChecked];
}
