/**
 * Loads an HTTP API (API Gateway v2) into the shared API model: finds it by id or name, then
 * reads its stage, routes joined to their integrations, authorizers and VPC links. HTTP APIs have
 * no execution logs or X-Ray tracing, so the model says so.
 */
import {
  GetApiCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetVpcLinkCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { Incident } from '../types';
import { ApiNotFoundError, functionsOf, iso, lambdaFunctionOf, settle, substituteStageVariables } from './api-model';
import type { ApiModel, ModelAuthorizer, ModelIntegration, ModelMethodThrottle } from './api-model';
import type { AwsClients } from './clients';
import { allPages } from './paginate';

/** API Gateway's integration timeout when the integration sets none. */
const DEFAULT_HTTP_TIMEOUT_MS = 30_000;

/** Finds an HTTP API by id or name. */
export async function resolveHttpApi(clients: AwsClients, idOrName: string): Promise<{ id: string; name?: string }> {
  const matches: { id: string; name?: string }[] = [];
  let next: string | undefined;
  let pages = 0;
  do {
    const page = await clients.apiGatewayV2.send(new GetApisCommand({ MaxResults: '500', NextToken: next }));
    for (const api of page.Items ?? []) {
      if (api.ApiId === idOrName) return { id: api.ApiId, ...(api.Name === undefined ? {} : { name: api.Name }) };
      if (api.Name === idOrName && api.ApiId !== undefined) matches.push({ id: api.ApiId, name: api.Name });
    }
    next = page.NextToken;
    pages += 1;
  } while (next !== undefined && pages < 20);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    throw new ApiNotFoundError(
      `${matches.length} HTTP APIs are named "${idOrName}" (${matches.map((m) => m.id).join(', ')}): pass the id`,
    );
  }
  throw new ApiNotFoundError(`no HTTP API with id or name "${idOrName}"`);
}

export async function loadHttpApiModel(clients: AwsClients, incident: Incident): Promise<ApiModel> {
  const api = incident.api;
  let id = api.id;
  let name = api.name;
  if (id === undefined) {
    if (name === undefined) throw new ApiNotFoundError('the incident names no HTTP API');
    ({ id, name } = await resolveHttpApi(clients, name));
  }
  const ApiId = id;
  const [stage, routes, integrations, authorizers, apiInfo] = await Promise.all([
    clients.apiGatewayV2.send(new GetStageCommand({ ApiId, StageName: api.stage })),
    allPages(
      (NextToken) => clients.apiGatewayV2.send(new GetRoutesCommand({ ApiId, MaxResults: '500', NextToken })),
      (page) => ({ items: page.Items, next: page.NextToken }),
    ),
    allPages(
      (NextToken) => clients.apiGatewayV2.send(new GetIntegrationsCommand({ ApiId, MaxResults: '500', NextToken })),
      (page) => ({ items: page.Items, next: page.NextToken }),
    ),
    settle(
      allPages(
        (NextToken) => clients.apiGatewayV2.send(new GetAuthorizersCommand({ ApiId, MaxResults: '500', NextToken })),
        (page) => ({ items: page.Items, next: page.NextToken }),
      ),
    ),
    name === undefined ? clients.apiGatewayV2.send(new GetApiCommand({ ApiId })) : Promise.resolve(undefined),
  ]);
  name = name ?? apiInfo?.Name;
  const byId = new Map(integrations.items.map((i) => [i.IntegrationId ?? '', i]));
  const modelIntegrations: ModelIntegration[] = [];
  for (const route of routes.items) {
    const target = /^integrations\/(.+)$/.exec(route.Target ?? '')?.[1];
    const integration = target === undefined ? undefined : byId.get(target);
    if (integration === undefined) continue;
    const uri =
      integration.IntegrationUri === undefined
        ? undefined
        : substituteStageVariables(integration.IntegrationUri, stage.StageVariables);
    const fn = integration.IntegrationType === 'AWS_PROXY' ? lambdaFunctionOf(uri) : undefined;
    modelIntegrations.push({
      route: route.RouteKey ?? '$default',
      type: integration.IntegrationType ?? 'UNKNOWN',
      ...(uri === undefined ? {} : { uri }),
      timeoutMs: integration.TimeoutInMillis ?? DEFAULT_HTTP_TIMEOUT_MS,
      ...(integration.ConnectionType === undefined ? {} : { connectionType: integration.ConnectionType }),
      ...(integration.ConnectionType === 'VPC_LINK' && integration.ConnectionId !== undefined
        ? { vpcLinkId: integration.ConnectionId }
        : {}),
      ...(integration.CredentialsArn === undefined ? {} : { credentialsRole: integration.CredentialsArn }),
      ...(route.AuthorizerId === undefined ? {} : { authorizerId: route.AuthorizerId }),
      ...(fn === undefined ? {} : { lambdaFunction: fn }),
    });
  }
  modelIntegrations.sort((a, b) => a.route.localeCompare(b.route));
  const modelAuthorizers: ModelAuthorizer[] = (authorizers.value?.items ?? []).map((a) => {
    const fn = lambdaFunctionOf(a.AuthorizerUri);
    return {
      id: a.AuthorizerId ?? '',
      name: a.Name ?? '',
      type: a.AuthorizerType ?? 'UNKNOWN',
      ...(fn === undefined ? {} : { lambdaFunction: fn }),
      ...(a.AuthorizerCredentialsArn === undefined ? {} : { credentialsRole: a.AuthorizerCredentialsArn }),
    };
  });
  const linkIds = [...new Set(modelIntegrations.flatMap((i) => (i.vpcLinkId === undefined ? [] : [i.vpcLinkId])))];
  const vpcLinks = await Promise.all(
    linkIds.map(async (VpcLinkId) => {
      const link = await clients.apiGatewayV2.send(new GetVpcLinkCommand({ VpcLinkId }));
      return {
        id: VpcLinkId,
        ...(link.VpcLinkStatus === undefined ? {} : { status: link.VpcLinkStatus }),
        ...(link.VpcLinkStatusMessage === undefined ? {} : { statusMessage: link.VpcLinkStatusMessage }),
        targetArns: [],
      };
    }),
  );
  const defaults = stage.DefaultRouteSettings;
  const methodThrottles: ModelMethodThrottle[] = Object.entries(stage.RouteSettings ?? {})
    .filter(([, s]) => s.ThrottlingRateLimit !== undefined || s.ThrottlingBurstLimit !== undefined)
    .map(([key, s]) => ({
      key,
      ...(s.ThrottlingRateLimit === undefined ? {} : { rateLimit: s.ThrottlingRateLimit }),
      ...(s.ThrottlingBurstLimit === undefined ? {} : { burstLimit: s.ThrottlingBurstLimit }),
    }));
  return {
    kind: 'HTTP',
    id: ApiId,
    ...(name === undefined ? {} : { name }),
    stage: {
      name: api.stage,
      executionLogging: 'UNSUPPORTED',
      ...(stage.AccessLogSettings?.DestinationArn === undefined
        ? {}
        : { accessLogGroupArn: stage.AccessLogSettings.DestinationArn }),
      ...(stage.AccessLogSettings?.Format === undefined ? {} : { accessLogFormat: stage.AccessLogSettings.Format }),
      tracingEnabled: false,
      ...(defaults?.ThrottlingRateLimit === undefined ? {} : { throttleRateLimit: defaults.ThrottlingRateLimit }),
      ...(defaults?.ThrottlingBurstLimit === undefined ? {} : { throttleBurstLimit: defaults.ThrottlingBurstLimit }),
      methodThrottles,
      ...(stage.DeploymentId === undefined ? {} : { deploymentId: stage.DeploymentId }),
      ...(stage.CreatedDate === undefined ? {} : { createdDate: iso(stage.CreatedDate) }),
      ...(stage.LastUpdatedDate === undefined ? {} : { lastUpdated: iso(stage.LastUpdatedDate) }),
    },
    integrations: modelIntegrations,
    authorizers: modelAuthorizers,
    ...(authorizers.error === undefined ? {} : { authorizersError: authorizers.error }),
    vpcLinks,
    functions: functionsOf(modelIntegrations, modelAuthorizers),
  };
}
