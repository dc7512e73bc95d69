/**
 * HTTP backends: each integration endpoint and, behind a VPC link, the load balancer's target
 * health. One active GET to a public endpoint only when the configuration enables it.
 */
import {
  DescribeListenersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Finding, HttpBackendFinding } from '../../types';
import type { ModelIntegration } from '../discovery';
import type { ProbeContext } from '../probe';
import { couldNotCheck, reasonOf } from '../probe';

const HTTP_TYPES = new Set(['HTTP', 'HTTP_PROXY']);

interface Health {
  targetGroupArn?: string;
  healthy: number;
  unhealthy: number;
  reasons: string[];
}

async function targetGroupsOf(ctx: ProbeContext, integration: ModelIntegration, nlbArns: readonly string[]) {
  const uri = integration.uri ?? '';
  if (/^arn:[^:]+:elasticloadbalancing:.*:listener\//.test(uri)) {
    const out = await ctx.clients.elbv2.send(new DescribeListenersCommand({ ListenerArns: [uri] }));
    return (out.Listeners ?? []).flatMap((l) =>
      (l.DefaultActions ?? []).flatMap((a) => [
        ...(a.TargetGroupArn === undefined ? [] : [a.TargetGroupArn]),
        ...(a.ForwardConfig?.TargetGroups ?? []).flatMap((t) =>
          t.TargetGroupArn === undefined ? [] : [t.TargetGroupArn],
        ),
      ]),
    );
  }
  const groups = await Promise.all(
    nlbArns.map((LoadBalancerArn) => ctx.clients.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn }))),
  );
  return groups.flatMap((g) =>
    (g.TargetGroups ?? []).flatMap((t) => (t.TargetGroupArn === undefined ? [] : [t.TargetGroupArn])),
  );
}

async function healthOf(ctx: ProbeContext, targetGroupArn: string): Promise<Health> {
  const out = await ctx.clients.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
  const health: Health = { targetGroupArn, healthy: 0, unhealthy: 0, reasons: [] };
  for (const d of out.TargetHealthDescriptions ?? []) {
    const state = d.TargetHealth?.State;
    if (state === 'healthy') health.healthy += 1;
    else {
      health.unhealthy += 1;
      const reason = [d.Target?.Id, state, d.TargetHealth?.Reason, d.TargetHealth?.Description]
        .filter(Boolean)
        .join(' ');
      if (!health.reasons.includes(reason)) health.reasons.push(reason);
    }
  }
  return health;
}

async function activeCheck(ctx: ProbeContext, endpoint: string): Promise<HttpBackendFinding['activeCheck']> {
  const url = endpoint.replace(/\{[^}]+\}/g, '');
  const started = Date.now();
  try {
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.options.activeHealthCheckTimeoutMs)]);
    const response = await fetch(url, { method: 'GET', signal, redirect: 'manual' });
    await response.body?.cancel();
    return { status: response.status, latencyMs: Date.now() - started };
  } catch (error) {
    return { error: reasonOf(error), latencyMs: Date.now() - started };
  }
}

export async function httpBackendProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  const http = model.integrations.filter((i) => HTTP_TYPES.has(i.type));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const perEndpoint = http.filter((i) => {
    const key = i.uri ?? i.route;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const results = await Promise.all(
    perEndpoint.map(async (integration): Promise<Finding[]> => {
      const endpoint = integration.uri ?? '(no uri)';
      const link = model.vpcLinks.find((l) => l.id === integration.vpcLinkId);
      let health: Health | undefined;
      const out: Finding[] = [];
      if (integration.connectionType === 'VPC_LINK') {
        try {
          const groups = await targetGroupsOf(ctx, integration, link?.targetArns ?? []);
          const all = await Promise.all(groups.map((g) => healthOf(ctx, g)));
          health = {
            ...(groups[0] === undefined ? {} : { targetGroupArn: groups[0] }),
            healthy: all.reduce((n, h) => n + h.healthy, 0),
            unhealthy: all.reduce((n, h) => n + h.unhealthy, 0),
            reasons: all.flatMap((h) => h.reasons),
          };
        } catch (error) {
          out.push(
            couldNotCheck(
              'http-backend',
              `target health behind VPC link ${integration.vpcLinkId ?? ''}`,
              reasonOf(error),
            ),
          );
        }
      }
      const publicUrl = /^https?:\/\//.test(endpoint) && integration.connectionType !== 'VPC_LINK';
      const active = ctx.options.activeHealthCheck && publicUrl ? await activeCheck(ctx, endpoint) : undefined;
      const parts = [`${integration.type} backend ${endpoint} (${integration.route})`];
      if (link !== undefined) parts.push(`VPC link ${link.id} ${link.status ?? ''}`.trim());
      if (health !== undefined) {
        parts.push(
          `${health.healthy} healthy / ${health.unhealthy} unhealthy targets${health.reasons.length > 0 ? `: ${health.reasons.slice(0, 3).join('; ')}` : ''}`,
        );
      }
      if (active !== undefined) {
        parts.push(
          active.error === undefined
            ? `GET answered ${active.status ?? '?'} in ${active.latencyMs ?? '?'} ms`
            : `GET failed: ${active.error}`,
        );
      }
      const finding: HttpBackendFinding = {
        type: 'http-backend',
        probe: 'http-backend',
        summary: parts.join('; '),
        endpoint,
        ...(health?.targetGroupArn === undefined ? {} : { targetGroupArn: health.targetGroupArn }),
        ...(health === undefined
          ? {}
          : { healthyTargets: health.healthy, unhealthyTargets: health.unhealthy, unhealthyReasons: health.reasons }),
        ...(active === undefined ? {} : { activeCheck: active }),
      };
      return [finding, ...out];
    }),
  );
  findings.push(...results.flat());
  return findings;
}
