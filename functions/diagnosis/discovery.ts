/**
 * Shared discovery: the API model (stage, integrations, authorizers, VPC links) and backend
 * function configuration, each fetched once per diagnosis however many probes ask. The first
 * probe to ask makes the calls (they count as its calls); a later probe's timeout cannot cancel
 * them for the others because they run under the overall deadline's signal.
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
import {
  GetApiCommand,
  GetApisCommand,
  GetAuthorizersCommand as GetAuthorizersV2Command,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand as GetStageV2Command,
  GetVpcLinkCommand as GetVpcLinkV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { ApiKind, Incident } from '../types';
import { callScope } from './call-scope';
import type { AwsClients } from './clients';
import { reasonOf } from './probe';

export interface ModelIntegration {
  /** "GET /orders" (REST method + resource path) or the HTTP API route key. */
  readonly route: string;
  readonly type: string;
  readonly uri?: string;
  readonly timeoutMs: number;
  readonly connectionType?: string;
  readonly vpcLinkId?: string;
  readonly credentialsRole?: string;
  readonly authorizerId?: string;
  /** Backend function name when the integration invokes Lambda. */
  readonly lambdaFunction?: string;
}

export interface ModelAuthorizer {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly lambdaFunction?: string;
  readonly credentialsRole?: string;
}

export interface ModelVpcLink {
  readonly id: string;
  readonly status?: string;
  readonly statusMessage?: string;
  /** REST: NLB ARNs. */
  readonly targetArns: readonly string[];
}

export interface ModelMethodThrottle {
  readonly key: string;
  readonly rateLimit?: number;
  readonly burstLimit?: number;
}

export interface ModelStage {
  readonly name: string;
  readonly executionLogging: 'OFF' | 'ERROR' | 'INFO' | 'UNSUPPORTED';
  readonly accessLogGroupArn?: string;
  readonly accessLogFormat?: string;
  readonly tracingEnabled: boolean;
  readonly throttleRateLimit?: number;
  readonly throttleBurstLimit?: number;
  readonly methodThrottles: readonly ModelMethodThrottle[];
  readonly deploymentId?: string;
  readonly createdDate?: string;
  readonly lastUpdated?: string;
}

export interface ApiModel {
  readonly kind: ApiKind;
  readonly id: string;
  readonly name?: string;
  readonly stage: ModelStage;
  readonly integrations: readonly ModelIntegration[];
  readonly authorizers: readonly ModelAuthorizer[];
  /** Why the authorizers could not be listed (the rest of the model stands without them). */
  readonly authorizersError?: string;
  readonly vpcLinks: readonly ModelVpcLink[];
  /** Distinct backend functions: integrations first, then authorizers. */
  readonly functions: readonly { readonly name: string; readonly role: 'integration' | 'authorizer' }[];
}

export interface Discovery {
  apiModel(): Promise<ApiModel>;
  /** The API's id and name once a probe has loaded the model (a REST API watched by name gets its id here). */
  resolvedApi(): { readonly id: string; readonly name?: string } | undefined;
  functionConfiguration(name: string): Promise<FunctionConfiguration>;
  /** Reserved concurrency; undefined when none is set. */
  reservedConcurrency(name: string): Promise<number | undefined>;
}

const DEFAULT_REST_TIMEOUT_MS = 29_000;
const DEFAULT_HTTP_TIMEOUT_MS = 30_000;

function substituteStageVariables(text: string, variables: Readonly<Record<string, string>> | undefined): string {
  return text.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (all, name: string) => variables?.[name] ?? all);
}

/**
 * The function name in a Lambda integration or authorizer URI:
 * "arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:aws:lambda:r:a:function:NAME[:q]/invocations"
 * or, for HTTP APIs, the function ARN itself.
 */
export function lambdaFunctionOf(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  const match = /:function:([A-Za-z0-9_${}.-]+)/.exec(uri);
  return match?.[1];
}

export class ApiNotFoundError extends Error {
  override readonly name = 'ApiNotFoundError';
}

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

/** Authorizers are optional context: their failure is reported, not fatal to the model. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await promise };
  } catch (error) {
    if (error instanceof Error && (error.name === 'AbortedError' || error.name === 'ProbeTimeoutError')) throw error;
    return { error: reasonOf(error) };
  }
}

function iso(date: Date | undefined): string | undefined {
  return date === undefined ? undefined : date.toISOString();
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

function functionsOf(integrations: readonly ModelIntegration[], authorizers: readonly ModelAuthorizer[]) {
  const seen = new Set<string>();
  const out: { name: string; role: 'integration' | 'authorizer' }[] = [];
  for (const [name, role] of [
    ...integrations.map((i) => [i.lambdaFunction, 'integration'] as const),
    ...authorizers.map((a) => [a.lambdaFunction, 'authorizer'] as const),
  ]) {
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, role });
  }
  return out;
}

async function loadRest(clients: AwsClients, incident: Incident): Promise<ApiModel> {
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
    clients.apiGateway.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500 })),
    settle(clients.apiGateway.send(new GetAuthorizersCommand({ restApiId, limit: 500 }))),
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

async function loadHttp(clients: AwsClients, incident: Incident): Promise<ApiModel> {
  const api = incident.api;
  let id = api.id;
  let name = api.name;
  if (id === undefined) {
    if (name === undefined) throw new ApiNotFoundError('the incident names no HTTP API');
    ({ id, name } = await resolveHttpApi(clients, name));
  }
  const ApiId = id;
  const [stage, routes, integrations, authorizers, apiInfo] = await Promise.all([
    clients.apiGatewayV2.send(new GetStageV2Command({ ApiId, StageName: api.stage })),
    clients.apiGatewayV2.send(new GetRoutesCommand({ ApiId, MaxResults: '500' })),
    clients.apiGatewayV2.send(new GetIntegrationsCommand({ ApiId, MaxResults: '500' })),
    settle(clients.apiGatewayV2.send(new GetAuthorizersV2Command({ ApiId, MaxResults: '500' }))),
    name === undefined ? clients.apiGatewayV2.send(new GetApiCommand({ ApiId })) : Promise.resolve(undefined),
  ]);
  name = name ?? apiInfo?.Name;
  const byId = new Map((integrations.Items ?? []).map((i) => [i.IntegrationId ?? '', i]));
  const modelIntegrations: ModelIntegration[] = [];
  for (const route of routes.Items ?? []) {
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
  const modelAuthorizers: ModelAuthorizer[] = (authorizers.value?.Items ?? []).map((a) => {
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
      const link = await clients.apiGatewayV2.send(new GetVpcLinkV2Command({ VpcLinkId }));
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

/** Runs `fn` in the caller's call scope but under `signal`, so one probe's timeout spares the others. */
function shared<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  const calls = callScope.getStore()?.calls ?? [];
  return callScope.run({ calls, signal }, fn);
}

/** A rejected promise nobody awaits must not crash the process: the caller that awaits sees it. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= quiet(make()));
}

export function createDiscovery(incident: Incident, clients: AwsClients, signal: AbortSignal): Discovery {
  let resolved: { readonly id: string; readonly name?: string } | undefined;
  const apiModel = memo(() =>
    shared(signal, () =>
      incident.api.kind === 'HTTP' ? loadHttp(clients, incident) : loadRest(clients, incident),
    ).then((model) => {
      resolved = model.name === undefined ? { id: model.id } : { id: model.id, name: model.name };
      return model;
    }),
  );
  const configs = new Map<string, Promise<FunctionConfiguration>>();
  const concurrency = new Map<string, Promise<number | undefined>>();
  return {
    apiModel,
    resolvedApi: () => resolved,
    functionConfiguration(name) {
      let p = configs.get(name);
      if (p === undefined) {
        p = quiet(
          shared(signal, () => clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))),
        );
        configs.set(name, p);
      }
      return p;
    },
    reservedConcurrency(name) {
      let p = concurrency.get(name);
      if (p === undefined) {
        p = quiet(
          shared(signal, async () => {
            const out = await clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }));
            return out.ReservedConcurrentExecutions;
          }),
        );
        concurrency.set(name, p);
      }
      return p;
    },
  };
}
