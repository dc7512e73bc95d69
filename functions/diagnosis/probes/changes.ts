/**
 * What changed inside the window or shortly before it: API deployments, the stage update, backend
 * function updates, and CloudTrail write events on the API and its functions when permitted.
 */
import { GetDeploymentsCommand } from '@aws-sdk/client-api-gateway';
import { GetDeploymentsCommand as GetDeploymentsV2Command } from '@aws-sdk/client-apigatewayv2';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { ChangeFinding, Finding } from '../../types';
import type { ApiModel } from '../discovery';
import { allPages } from '../paginate';
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
    const out = await allPages(
      (position) =>
        ctx.clients.apiGateway.send(new GetDeploymentsCommand({ restApiId: model.id, limit: 500, position })),
      (page) => ({ items: page.items, next: page.position }),
    );
    return out.items.flatMap((d) =>
      d.id === undefined || d.createdDate === undefined
        ? []
        : [{ id: d.id, at: d.createdDate, ...(d.description ? { description: d.description } : {}) }],
    );
  }
  const out = await allPages(
    (NextToken) =>
      ctx.clients.apiGatewayV2.send(new GetDeploymentsV2Command({ ApiId: model.id, MaxResults: '500', NextToken })),
    (page) => ({ items: page.Items, next: page.NextToken }),
  );
  return out.items.flatMap((d) =>
    d.DeploymentId === undefined || d.CreatedDate === undefined
      ? []
      : [{ id: d.DeploymentId, at: d.CreatedDate, ...(d.Description ? { description: d.Description } : {}) }],
  );
}

/** CloudTrail LookupEvents pages per diagnosis (50 events each, paced at 2 per second by the client). */
const MAX_TRAIL_PAGES = 4;

/**
 * Write events of the window once for the whole account (not once per resource: LookupEvents
 * allows 2 requests per second per account and region), kept when they name one of `resources`.
 */
async function cloudTrailWrites(
  ctx: ProbeContext,
  resources: readonly string[],
  from: number,
  to: number,
): Promise<{ findings: ChangeFinding[]; complete: boolean }> {
  const out: ChangeFinding[] = [];
  const pages = await allPages(
    (NextToken) =>
      ctx.clients.cloudTrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }],
          StartTime: new Date(from),
          EndTime: new Date(to),
          MaxResults: 50,
          ...(NextToken === undefined ? {} : { NextToken }),
        }),
      ),
    (page) => ({ items: page.Events, next: page.NextToken }),
    MAX_TRAIL_PAGES,
  );
  for (const e of pages.items) {
    if (e.ReadOnly === 'true' || e.EventTime === undefined) continue;
    const named = (e.Resources ?? []).map((r) => r.ResourceName ?? '');
    const resource = resources.find(
      (r) =>
        named.some((n) => n === r || n.endsWith(`:${r}`) || n.includes(`/${r}`)) ||
        (e.CloudTrailEvent ?? '').includes(r),
    );
    if (resource === undefined) continue;
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
  return { findings: out, complete: pages.complete };
}

export async function changesProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  const { start, end } = windowMs(ctx.incident);
  const from = start - CHANGE_LOOKBACK_MS;
  const inRange = (t: number): boolean => t >= from && t <= end;
  // Function updates of the deep-dived functions (their configuration is fetched anyway); the
  // account's CloudTrail write events cover every function and the API in one lookup.
  const ranking = await ctx.discovery.backendRanking();
  const functions = ranking.deepDive.map((f) => f.name);
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
    cloudTrailWrites(ctx, [model.id, ...model.functions.map((f) => f.name)], from, end).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
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
  if ('error' in trails) {
    notChecked.push(couldNotCheck('changes', 'CloudTrail write events', reasonOf(trails.error)));
  } else {
    const seen = new Set<string>();
    for (const f of trails.value.findings) {
      const key = `${f.at} ${f.description ?? ''} ${f.resource}`;
      if (!seen.has(key)) {
        seen.add(key);
        findings.push(f);
      }
    }
    if (!trails.value.complete) {
      notChecked.push(
        couldNotCheck(
          'changes',
          'all CloudTrail write events',
          `read the first ${MAX_TRAIL_PAGES * 50} write events of the account in the window`,
        ),
      );
    }
  }
  findings.sort(
    (a, b) => a.at.localeCompare(b.at) || a.what.localeCompare(b.what) || a.resource.localeCompare(b.resource),
  );
  return [...findings, ...notChecked];
}
