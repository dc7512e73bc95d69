/**
 * The scenario's API on the emulator: a REST or HTTP API with one route, GET /orders, proxied to
 * the backend function, and a stage whose logging, metrics, tracing and throttling settings are
 * what the probes will read back.
 */
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { SeedClients } from './seed-clients';

/** Access log formats with the fields of the seeded access lines (REST and HTTP APIs name some variables differently). */
const ACCESS_FORMAT_REST =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLatency":"$context.responseLatency","responseType":"$context.error.responseType","integrationError":"$context.integration.error","integrationStatus":"$context.integration.status"}';
const ACCESS_FORMAT_HTTP =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","routeKey":"$context.routeKey","status":"$context.status","responseType":"$context.error.responseType","integrationError":"$context.integrationErrorMessage","integrationStatus":"$context.integration.status"}';

export interface SeedApiInput {
  readonly apiName: string;
  readonly stage: string;
  readonly functionArn: string;
  readonly region: string;
  readonly accessLogArn: string;
  /** REST only: the stage's execution logging level. */
  readonly loggingLevel: 'ERROR' | 'INFO';
}

export interface CreatedApi {
  readonly apiId: string;
  /** The one route, as the model names it: "GET /orders". */
  readonly route: string;
}

export async function createRestApi(clients: SeedClients, input: SeedApiInput): Promise<CreatedApi> {
  const { apiName, stage, functionArn, region, accessLogArn, loggingLevel } = input;
  const api = await clients.apiGateway.send(
    new CreateRestApiCommand({ name: apiName, endpointConfiguration: { types: ['REGIONAL'] } }),
  );
  const apiId = api.id ?? '';
  const resources = await clients.apiGateway.send(new GetResourcesCommand({ restApiId: apiId }));
  const rootId = resources.items?.find((r) => r.path === '/')?.id ?? '';
  const orders = await clients.apiGateway.send(
    new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: 'orders' }),
  );
  await clients.apiGateway.send(
    new PutMethodCommand({
      restApiId: apiId,
      resourceId: orders.id ?? '',
      httpMethod: 'GET',
      authorizationType: 'NONE',
    }),
  );
  await clients.apiGateway.send(
    new PutIntegrationCommand({
      restApiId: apiId,
      resourceId: orders.id ?? '',
      httpMethod: 'GET',
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
      timeoutInMillis: 29_000,
    }),
  );
  await clients.apiGateway.send(
    new CreateDeploymentCommand({ restApiId: apiId, stageName: stage, description: 'v42' }),
  );
  await clients.apiGateway.send(
    new UpdateStageCommand({
      restApiId: apiId,
      stageName: stage,
      patchOperations: [
        { op: 'replace', path: '/*/*/logging/loglevel', value: loggingLevel },
        { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
        { op: 'replace', path: '/*/*/throttling/rateLimit', value: '500' },
        { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1000' },
        { op: 'replace', path: '/tracingEnabled', value: 'true' },
        { op: 'replace', path: '/accessLogSettings/destinationArn', value: accessLogArn },
        { op: 'replace', path: '/accessLogSettings/format', value: ACCESS_FORMAT_REST },
      ],
    }),
  );
  return { apiId, route: 'GET /orders' };
}

export async function createHttpApi(
  clients: SeedClients,
  input: Omit<SeedApiInput, 'region' | 'loggingLevel'>,
): Promise<CreatedApi> {
  const { apiName, stage, functionArn, accessLogArn } = input;
  const api = await clients.apiGatewayV2.send(new CreateApiCommand({ Name: apiName, ProtocolType: 'HTTP' }));
  const apiId = api.ApiId ?? '';
  const integration = await clients.apiGatewayV2.send(
    new CreateIntegrationCommand({
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: functionArn,
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 30_000,
    }),
  );
  const route = 'GET /orders';
  await clients.apiGatewayV2.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: route,
      Target: `integrations/${integration.IntegrationId ?? ''}`,
    }),
  );
  await clients.apiGatewayV2.send(
    new CreateStageCommand({
      ApiId: apiId,
      StageName: stage,
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: accessLogArn, Format: ACCESS_FORMAT_HTTP },
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    }),
  );
  return { apiId, route };
}
