/** The API as configured: stage settings, every route's integration (with VPC link status) and authorizers. */
import type { AuthorizerFinding, Finding, IntegrationFinding, StageFinding } from '../../types';
import type { ProbeContext } from '../probe';
import { couldNotCheck } from '../probe';

export async function apiConfigProbe(ctx: ProbeContext): Promise<Finding[]> {
  const model = await ctx.discovery.apiModel();
  const s = model.stage;
  const throttle =
    s.throttleRateLimit === undefined && s.throttleBurstLimit === undefined
      ? 'no stage throttle'
      : `throttle ${s.throttleRateLimit ?? '-'} rps / ${s.throttleBurstLimit ?? '-'} burst`;
  const stage: StageFinding = {
    type: 'stage',
    probe: 'api-config',
    summary: [
      `stage ${s.name} of ${model.kind} API ${model.name ?? model.id} (${model.id})`,
      `execution logging ${s.executionLogging === 'UNSUPPORTED' ? 'not available (HTTP API)' : s.executionLogging}`,
      s.accessLogGroupArn === undefined ? 'no access log' : `access log to ${s.accessLogGroupArn}`,
      `tracing ${s.tracingEnabled ? 'on' : 'off'}`,
      throttle,
    ].join(', '),
    executionLogging: s.executionLogging,
    ...(s.accessLogGroupArn === undefined ? {} : { accessLogGroupArn: s.accessLogGroupArn }),
    ...(s.accessLogFormat === undefined ? {} : { accessLogFormat: s.accessLogFormat }),
    tracingEnabled: s.tracingEnabled,
    ...(s.throttleRateLimit === undefined ? {} : { throttleRateLimit: s.throttleRateLimit }),
    ...(s.throttleBurstLimit === undefined ? {} : { throttleBurstLimit: s.throttleBurstLimit }),
    ...(s.deploymentId === undefined ? {} : { deploymentId: s.deploymentId }),
    ...(s.lastUpdated === undefined ? {} : { lastUpdated: s.lastUpdated }),
  };
  const links = new Map(model.vpcLinks.map((l) => [l.id, l]));
  const integrations = model.integrations.map((i): IntegrationFinding => {
    const link = i.vpcLinkId === undefined ? undefined : links.get(i.vpcLinkId);
    const target = i.lambdaFunction === undefined ? (i.uri ?? '') : `Lambda ${i.lambdaFunction}`;
    const via =
      link === undefined
        ? ''
        : ` via VPC link ${link.id}${link.status === undefined ? '' : ` (${link.status}${link.statusMessage === undefined ? '' : `: ${link.statusMessage}`})`}`;
    return {
      type: 'integration',
      probe: 'api-config',
      summary: `${i.route} → ${i.type} ${target}${via}, timeout ${i.timeoutMs} ms`,
      route: i.route,
      integrationType: i.type,
      ...(i.uri === undefined ? {} : { uri: i.uri }),
      timeoutMs: i.timeoutMs,
      ...(i.connectionType === undefined ? {} : { connectionType: i.connectionType }),
      ...(i.vpcLinkId === undefined ? {} : { vpcLinkId: i.vpcLinkId }),
      ...(link?.status === undefined ? {} : { vpcLinkStatus: link.status }),
      ...(i.lambdaFunction === undefined ? {} : { lambdaFunction: i.lambdaFunction }),
      ...(i.credentialsRole === undefined ? {} : { credentialsRole: i.credentialsRole }),
      ...(i.authorizerId === undefined ? {} : { authorizerId: i.authorizerId }),
    };
  });
  const authorizers = model.authorizers.map((a): AuthorizerFinding => ({
    type: 'authorizer',
    probe: 'api-config',
    summary: `authorizer ${a.name} (${a.type})${a.lambdaFunction === undefined ? '' : ` → Lambda ${a.lambdaFunction}`}`,
    id: a.id,
    name: a.name,
    authorizerType: a.type,
    ...(a.lambdaFunction === undefined ? {} : { lambdaFunction: a.lambdaFunction }),
    ...(a.credentialsRole === undefined ? {} : { credentialsRole: a.credentialsRole }),
  }));
  const missing =
    model.authorizersError === undefined ? [] : [couldNotCheck('api-config', 'authorizers', model.authorizersError)];
  return [stage, ...integrations, ...authorizers, ...missing];
}
