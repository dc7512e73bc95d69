/**
 * Loads a REST API (API Gateway v1) into the shared API model: finds it by id or name, then reads
 * its stage, resources with their integrations, authorizers and VPC links.
 */
import {
  GetAuthorizersCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetVpcLinkCommand,
} from '@aws-sdk/client-api-gateway';
import type { Resource, Stage } from '@aws-sdk/client-api-gateway';
import type { Incident } from '../types';
import { ApiNotFoundError, functionsOf, iso, lambdaFunctionOf, settle, substituteStageVariables } from './api-model';
import type { ApiModel, ModelAuthorizer, ModelIntegration, ModelMethodThrottle, ModelStage } from './api-model';
import type { AwsClients } from './clients';
import { allPages } from './paginate';

/** API Gateway's integration timeout when the integration sets none. */
const DEFAULT_REST_TIMEOUT_MS = 29_000;

/** Finds a REST API by id or name; several APIs with one name is an error naming their ids. */
export async function resolveRestApi(clients: AwsClients, idOrName: string): Promise<{ id: string; name?: string }> {
  const matches: { id: string; name?: string }[] = [];
  let position: string | undefined;
  let pages = 0;
  do {
    const page = await clients.apiGateway.send(new GetRestApisCommand({ limit: 500, position }));
    for (const api of page.items ?? []) {
      if (api.id === idOrName) return { id: api.id, ...(api.name === undefined ? {} : { name: api.name }) };
      if (api.name === idOrName && api.id !== undefined) matches.push({ id: api.id, name: api.name });
    }
    position = page.position;
    pages += 1;
  } while (position !== undefined && pages < 20);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    throw new ApiNotFoundError(
      `${matches.length} REST APIs are named "${idOrName}" (${matches.map((m) => m.id).join(', ')}): pass the id`,
    );
  }
  throw new ApiNotFoundError(`no REST API with id or name "${idOrName}"`);
}

function restStage(stage: Stage, name: string): ModelStage {
  const all = stage.methodSettings?.['*/*'];
  const level = (all?.loggingLevel ?? 'OFF').toUpperCase();
  const methodThrottles: ModelMethodThrottle[] = [];
  for (const [key, settings] of Object.entries(stage.methodSettings ?? {})) {
    if (key === '*/*') continue;
    if (settings.throttlingRateLimit === undefined && settings.throttlingBurstLimit === undefined) continue;
    methodThrottles.push({
      key,
      ...(settings.throttlingRateLimit === undefined ? {} : { rateLimit: settings.throttlingRateLimit }),
      ...(settings.throttlingBurstLimit === undefined ? {} : { burstLimit: settings.throttlingBurstLimit }),
    });
  }
  return {
    name,
    executionLogging: level === 'ERROR' || level === 'INFO' ? level : 'OFF',
    ...(stage.accessLogSettings?.destinationArn === undefined
      ? {}
      : { accessLogGroupArn: stage.accessLogSettings.destinationArn }),
    ...(stage.accessLogSettings?.format === undefined ? {} : { accessLogFormat: stage.accessLogSettings.format }),
    tracingEnabled: stage.tracingEnabled === true,
    ...(all?.throttlingRateLimit === undefined ? {} : { throttleRateLimit: all.throttlingRateLimit }),
    ...(all?.throttlingBurstLimit === undefined ? {} : { throttleBurstLimit: all.throttlingBurstLimit }),
    methodThrottles,
    ...(stage.deploymentId === undefined ? {} : { deploymentId: stage.deploymentId }),
    ...(stage.createdDate === undefined ? {} : { createdDate: iso(stage.createdDate) }),
    ...(stage.lastUpdatedDate === undefined ? {} : { lastUpdated: iso(stage.lastUpdatedDate) }),
  };
}

function restIntegrations(resources: readonly Resource[], variables: Record<string, string> | undefined) {
  const out: ModelIntegration[] = [];
  for (const resource of resources) {
    for (const [method, m] of Object.entries(resource.resourceMethods ?? {})) {
      const integration = m.methodIntegration;
      if (integration === undefined) continue;
      const uri = integration.uri === undefined ? undefined : substituteStageVariables(integration.uri, variables);
      const fn = integration.type?.startsWith('AWS') ? lambdaFunctionOf(uri) : undefined;
      const vpcLinkId =
        integration.connectionType === 'VPC_LINK' && integration.connectionId !== undefined
          ? substituteStageVariables(integration.connectionId, variables)
          : undefined;
      out.push({
        route: `${method} ${resource.path ?? '/'}`,
        type: integration.type ?? 'UNKNOWN',
        ...(uri === undefined ? {} : { uri }),
        timeoutMs: integration.timeoutInMillis ?? DEFAULT_REST_TIMEOUT_MS,
        ...(integration.connectionType === undefined ? {} : { connectionType: integration.connectionType }),
        ...(vpcLinkId === undefined ? {} : { vpcLinkId }),
        ...(integration.credentials === undefined ? {} : { credentialsRole: integration.credentials }),
        ...(m.authorizerId === undefined ? {} : { authorizerId: m.authorizerId }),
        ...(fn === undefined ? {} : { lambdaFunction: fn }),
      });
    }
  }
  return out.sort((a, b) => a.route.localeCompare(b.route));
}

export async function loadRestApiModel(clients: AwsClients, incident: Incident): Promise<ApiModel> {
  const api = incident.api;
  let id = api.id;
  let name = api.name;
  if (id === undefined) {
    if (name === undefined) throw new ApiNotFoundError('the incident names no REST API');
    ({ id, name } = await resolveRestApi(clients, name));
  }
  const restApiId = id;
  const [stage, resources, authorizers, restApi] = await Promise.all([
    clients.apiGateway.send(new GetStageCommand({ restApiId, stageName: api.stage })),
    allPages(
      (position) =>
        clients.apiGateway.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500, position })),
      (page) => ({ items: page.items, next: page.position }),
    ),
    settle(
      allPages(
        (position) => clients.apiGateway.send(new GetAuthorizersCommand({ restApiId, limit: 500, position })),
        (page) => ({ items: page.items, next: page.position }),
      ),
    ),
    name === undefined ? clients.apiGateway.send(new GetRestApiCommand({ restApiId })) : Promise.resolve(undefined),
  ]);
  name = name ?? restApi?.name;
  const integrations = restIntegrations(resources.items ?? [], stage.variables);
  const modelAuthorizers: ModelAuthorizer[] = (authorizers.value?.items ?? []).map((a) => {
    const fn = lambdaFunctionOf(a.authorizerUri && substituteStageVariables(a.authorizerUri, stage.variables));
    return {
      id: a.id ?? '',
      name: a.name ?? '',
      type: a.type ?? 'UNKNOWN',
      ...(fn === undefined ? {} : { lambdaFunction: fn }),
      ...(a.authorizerCredentials === undefined ? {} : { credentialsRole: a.authorizerCredentials }),
    };
  });
  const linkIds = [...new Set(integrations.flatMap((i) => (i.vpcLinkId === undefined ? [] : [i.vpcLinkId])))];
  const vpcLinks = await Promise.all(
    linkIds.map(async (vpcLinkId) => {
      const link = await clients.apiGateway.send(new GetVpcLinkCommand({ vpcLinkId }));
      return {
        id: vpcLinkId,
        ...(link.status === undefined ? {} : { status: link.status }),
        ...(link.statusMessage === undefined ? {} : { statusMessage: link.statusMessage }),
        targetArns: link.targetArns ?? [],
      };
    }),
  );
  return {
    kind: 'REST',
    id: restApiId,
    ...(name === undefined ? {} : { name }),
    stage: restStage(stage, api.stage),
    integrations,
    authorizers: modelAuthorizers,
    ...(authorizers.error === undefined ? {} : { authorizersError: authorizers.error }),
    vpcLinks,
    functions: functionsOf(integrations, modelAuthorizers),
  };
}
