/**
 * Seeds the emulator with a realistic broken API for one named scenario, with plain SDK calls:
 * the backend function (configuration only, the emulator runs no code), the API and stage with
 * logging settings, execution-log, access-log and function log lines of a real failure, and the
 * API Gateway and Lambda metrics of it. The tests, the handler's tests and the demo reuse it.
 */
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { incidentWindow } from '../../functions/diagnosis/incident';
import type { Incident, TimeWindow } from '../../functions/types';
import { SANDBOX_ACCOUNT, SANDBOX_REGION } from './env';

export const SCENARIOS = [
  'integration-timeout',
  'lambda-timeout',
  'malformed-proxy-response',
  'throttled-function',
  'missing-invoke-permission',
  'http-api-function-error',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface SeedClients {
  readonly apiGateway: APIGatewayClient;
  readonly apiGatewayV2: ApiGatewayV2Client;
  readonly lambda: LambdaClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudWatch: CloudWatchClient;
}

export interface SeedOptions {
  /** @default "orders-api-<random>" (unique, so parallel tests do not collide) */
  readonly apiName?: string;
  /** @default "prod" */
  readonly stage?: string;
  /** The alarm's state change; the failure runs for the 6 minutes before it. @default now */
  readonly now?: Date;
  /** @default "<apiName>-handler" */
  readonly functionName?: string;
}

export interface SeededScenario {
  readonly scenario: ScenarioName;
  readonly kind: 'REST' | 'HTTP';
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly apiName: string;
  readonly stage: string;
  readonly route: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly executionLogGroup?: string;
  readonly accessLogGroup: string;
  readonly lambdaLogGroup: string;
  readonly stateChangeTime: string;
  readonly window: TimeWindow;
  /** First failing minute, ISO. */
  readonly onset: string;
  /** Request ids of the failing requests (execution/access logs). */
  readonly requestIds: readonly string[];
  /** An ALARM incident for the scenario, as the alarm path would build it. */
  readonly incident: Incident;
}

const MINUTE = 60_000;
/** Minutes of traffic before the state change, and how many of the last ones fail. */
const TRAFFIC_MINUTES = 14;
const FAILING_MINUTES = 6;
const REQUESTS_PER_MINUTE = 40;
const FAILURES_PER_MINUTE = 12;
/** Failing requests that leave log lines (a sample; the metrics carry the totals). */
const LOGGED_FAILURES = 5;

export function seedClients(endpoint: string, region = SANDBOX_REGION): SeedClients {
  const config = {
    endpoint,
    region,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 2,
  };
  return {
    apiGateway: new APIGatewayClient(config),
    apiGatewayV2: new ApiGatewayV2Client(config),
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient(config),
    cloudWatch: new CloudWatchClient(config),
  };
}

/** A one-file zip (stored, no compression): the function's code, never run by the emulator. */
export function handlerZip(source = "exports.handler = async () => ({ statusCode: 200, body: 'ok' });\n"): Uint8Array {
  const name = Buffer.from('index.js');
  const data = Buffer.from(source);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

interface Failure {
  /** Function configuration. */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly reservedConcurrency?: number;
  readonly invokePermission: boolean;
  readonly loggingLevel: 'ERROR' | 'INFO';
  /** Lines of one failing request, without the "(request-id) " prefix. */
  readonly executionLines: (lambdaRequestId: string) => string[];
  /** Access log fields of one failing request. */
  readonly access: { status: string; responseType: string; integrationError: string; integrationStatus: string };
  /** The function's own lines for one failing request (none when it never ran). */
  readonly lambdaLines: (lambdaRequestId: string, at: Date) => string[];
  readonly integrationLatencyMs: number;
  readonly latencyMs: number;
  readonly lambda: { errors: number; throttles: number; durationMs: number; concurrency: number; invocations: number };
}

const LAMBDA_INVOKE_URL = 'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions';

const FAILURES: Record<ScenarioName, Failure> = {
  'integration-timeout': {
    timeoutSeconds: 60,
    memoryMb: 512,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: () => ['Execution failed due to a timeout error', 'Method completed with status: 504'],
    access: { status: '504', responseType: 'INTEGRATION_TIMEOUT', integrationError: '-', integrationStatus: '-' },
    lambdaLines: (id) => [
      `START RequestId: ${id} Version: $LATEST`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 34512.07 ms\tBilled Duration: 34513 ms\tMemory Size: 512 MB\tMax Memory Used: 141 MB`,
    ],
    integrationLatencyMs: 29_001,
    latencyMs: 29_038,
    lambda: { errors: 0, throttles: 0, durationMs: 34_512, concurrency: 9, invocations: REQUESTS_PER_MINUTE },
  },
  'lambda-timeout': {
    timeoutSeconds: 3,
    memoryMb: 128,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: (id) => [
      `Lambda execution failed with status 200 due to customer function error: Task timed out after 3.00 seconds. Lambda request id: ${id}`,
      'Method completed with status: 502',
    ],
    access: { status: '502', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '200' },
    lambdaLines: (id, at) => [
      `START RequestId: ${id} Version: $LATEST`,
      `${at.toISOString()} ${id} Task timed out after 3.00 seconds`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 88 MB\tStatus: timeout`,
    ],
    integrationLatencyMs: 3_021,
    latencyMs: 3_040,
    lambda: {
      errors: FAILURES_PER_MINUTE,
      throttles: 0,
      durationMs: 3_000,
      concurrency: 6,
      invocations: REQUESTS_PER_MINUTE,
    },
  },
  'malformed-proxy-response': {
    timeoutSeconds: 10,
    memoryMb: 256,
    invokePermission: true,
    loggingLevel: 'INFO',
    executionLines: () => [
      'Endpoint response body before transformations: {"status":"ok","items":[]}',
      'Execution failed due to configuration error: Malformed Lambda proxy response',
      'Method completed with status: 502',
    ],
    access: { status: '502', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '200' },
    lambdaLines: (id) => [
      `START RequestId: ${id} Version: $LATEST`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 41.52 ms\tBilled Duration: 42 ms\tMemory Size: 256 MB\tMax Memory Used: 77 MB`,
    ],
    integrationLatencyMs: 48,
    latencyMs: 61,
    lambda: { errors: 0, throttles: 0, durationMs: 52, concurrency: 2, invocations: REQUESTS_PER_MINUTE },
  },
  'throttled-function': {
    timeoutSeconds: 10,
    memoryMb: 256,
    reservedConcurrency: 2,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: (id) => [
      `Lambda invocation failed with status: 429. Lambda request id: ${id}`,
      'Execution failed due to configuration error: Rate Exceeded.',
      'Method completed with status: 500',
    ],
    access: { status: '500', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '429' },
    lambdaLines: () => [],
    integrationLatencyMs: 15,
    latencyMs: 22,
    lambda: {
      errors: 0,
      throttles: FAILURES_PER_MINUTE,
      durationMs: 950,
      concurrency: 2,
      invocations: REQUESTS_PER_MINUTE - FAILURES_PER_MINUTE,
    },
  },
  'missing-invoke-permission': {
    timeoutSeconds: 10,
    memoryMb: 256,
    invokePermission: false,
    loggingLevel: 'ERROR',
    executionLines: () => [
      'Execution failed due to configuration error: Invalid permissions on Lambda function',
      'Method completed with status: 500',
    ],
    access: { status: '500', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '-' },
    lambdaLines: () => [],
    integrationLatencyMs: 9,
    latencyMs: 14,
    lambda: { errors: 0, throttles: 0, durationMs: 0, concurrency: 0, invocations: 0 },
  },
  'http-api-function-error': {
    timeoutSeconds: 10,
    memoryMb: 256,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: () => [],
    access: {
      status: '500',
      responseType: '-',
      integrationError: 'The Lambda function returned the following error: Runtime.ImportModuleError',
      integrationStatus: '200',
    },
    lambdaLines: (id, at) => [
      `${at.toISOString()}\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'orders-db'\\nRequire stack:\\n- /var/task/index.js","stack":["Runtime.ImportModuleError: Error: Cannot find module 'orders-db'"]}`,
      `INIT_REPORT Init Duration: 212.33 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError`,
      `START RequestId: ${id} Version: $LATEST`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 238.10 ms\tBilled Duration: 239 ms\tMemory Size: 256 MB\tMax Memory Used: 54 MB\tStatus: error\tError Type: Runtime.ImportModuleError`,
    ],
    integrationLatencyMs: 251,
    latencyMs: 262,
    lambda: {
      errors: FAILURES_PER_MINUTE,
      throttles: 0,
      durationMs: 238,
      concurrency: 3,
      invocations: REQUESTS_PER_MINUTE,
    },
  },
};

const ACCESS_FORMAT_REST =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","responseLatency":"$context.responseLatency","responseType":"$context.error.responseType","integrationError":"$context.integration.error","integrationStatus":"$context.integration.status"}';
const ACCESS_FORMAT_HTTP =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","routeKey":"$context.routeKey","status":"$context.status","responseType":"$context.error.responseType","integrationError":"$context.integrationErrorMessage","integrationStatus":"$context.integration.status"}';

async function putLines(
  clients: SeedClients,
  logGroupName: string,
  events: readonly { timestamp: number; message: string }[],
): Promise<void> {
  await clients.logs.send(new CreateLogGroupCommand({ logGroupName }));
  if (events.length === 0) return;
  const logStreamName = `2024/01/01/[$LATEST]${randomUUID().replace(/-/g, '')}`;
  await clients.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
  const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
  await clients.logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: sorted }));
}

async function putMetrics(clients: SeedClients, namespace: string, data: readonly MetricDatum[]): Promise<void> {
  for (let i = 0; i < data.length; i += 500) {
    await clients.cloudWatch.send(
      new PutMetricDataCommand({ Namespace: namespace, MetricData: data.slice(i, i + 500) }),
    );
  }
}

/**
 * Creates an IAM role on the emulator. The project has no IAM client, so this is the one raw
 * query-protocol call; the emulator routes it by the credential scope and checks no signature.
 */
async function ensureRole(clients: SeedClients, roleName: string): Promise<string> {
  const endpoint = await clients.lambda.config.endpoint?.();
  if (endpoint === undefined) throw new Error('seeding needs an explicit emulator endpoint');
  const url = `${endpoint.protocol}//${endpoint.hostname}${endpoint.port === undefined ? '' : `:${endpoint.port}`}/`;
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  const body = new URLSearchParams({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: roleName,
    AssumeRolePolicyDocument: trust,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization:
        'AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
    },
    body,
  });
  const text = await response.text();
  const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1];
  if (!response.ok || arn === undefined)
    throw new Error(`could not create role ${roleName}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return arn;
}

export async function seedScenario(
  target: string | SeedClients,
  scenario: ScenarioName,
  options: SeedOptions = {},
): Promise<SeededScenario> {
  const clients = typeof target === 'string' ? seedClients(target) : target;
  const failure = FAILURES[scenario];
  const kind = scenario === 'http-api-function-error' ? 'HTTP' : 'REST';
  const suffix = randomUUID().slice(0, 8);
  const apiName = options.apiName ?? `orders-api-${suffix}`;
  const stage = options.stage ?? 'prod';
  const functionName = options.functionName ?? `${apiName}-handler`;
  const region = SANDBOX_REGION;
  const accountId = SANDBOX_ACCOUNT;
  const now = options.now ?? new Date();
  const stateChangeTime = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
  const lastMinute = Math.floor(now.getTime() / MINUTE) * MINUTE - MINUTE;
  const minutes = Array.from({ length: TRAFFIC_MINUTES }, (_, i) => lastMinute - (TRAFFIC_MINUTES - 1 - i) * MINUTE);
  const failingMinutes = minutes.slice(-FAILING_MINUTES);
  const onsetMinute = failingMinutes[0] ?? lastMinute;

  // The function (the emulator checks that its role exists).
  const roleArn = await ensureRole(clients, `${apiName}-handler-role`);
  const fn = await clients.lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: 'nodejs20.x',
      Role: roleArn,
      Handler: 'index.handler',
      Code: { ZipFile: handlerZip() },
      Timeout: failure.timeoutSeconds,
      MemorySize: failure.memoryMb,
      Environment: { Variables: { TABLE_NAME: 'orders', DB_PASSWORD: 'not-a-real-secret' } },
    }),
  );
  const functionArn = fn.FunctionArn ?? `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  if (failure.reservedConcurrency !== undefined) {
    await clients.lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: functionName,
        ReservedConcurrentExecutions: failure.reservedConcurrency,
      }),
    );
  }

  // The API.
  let apiId: string;
  let route: string;
  const accessLogGroup = `/aws/apigateway/${apiName}/access`;
  const accessLogArn = `arn:aws:logs:${region}:${accountId}:log-group:${accessLogGroup}`;
  if (kind === 'REST') {
    const api = await clients.apiGateway.send(
      new CreateRestApiCommand({ name: apiName, endpointConfiguration: { types: ['REGIONAL'] } }),
    );
    apiId = api.id ?? '';
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
          { op: 'replace', path: '/*/*/logging/loglevel', value: failure.loggingLevel },
          { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '500' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1000' },
          { op: 'replace', path: '/tracingEnabled', value: 'true' },
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: accessLogArn },
          { op: 'replace', path: '/accessLogSettings/format', value: ACCESS_FORMAT_REST },
        ],
      }),
    );
    route = 'GET /orders';
  } else {
    const api = await clients.apiGatewayV2.send(new CreateApiCommand({ Name: apiName, ProtocolType: 'HTTP' }));
    apiId = api.ApiId ?? '';
    const integration = await clients.apiGatewayV2.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: functionArn,
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: 30_000,
      }),
    );
    route = 'GET /orders';
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
  }
  if (failure.invokePermission) {
    await clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: functionName,
        StatementId: 'apigateway-invoke',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: `arn:aws:execute-api:${region}:${accountId}:${apiId}/*/GET/orders`,
      }),
    );
  }

  // Log lines of the failure: a few failing requests per failing minute, and some successes.
  const requestIds: string[] = [];
  const executionEvents: { timestamp: number; message: string }[] = [];
  const accessEvents: { timestamp: number; message: string }[] = [];
  const lambdaEvents: { timestamp: number; message: string }[] = [];
  minutes.forEach((minute, m) => {
    const failing = minute >= onsetMinute;
    for (let i = 0; i < (failing ? LOGGED_FAILURES : 2); i += 1) {
      const at = minute + 5_000 + i * 7_000 + m;
      const requestId = randomUUID();
      const lambdaRequestId = randomUUID();
      const status = failing ? failure.access.status : '200';
      const common = {
        requestId,
        ip: '203.0.113.10',
        requestTime: new Date(at).toISOString(),
        status,
        responseType: failing ? failure.access.responseType : '-',
        integrationError: failing ? failure.access.integrationError : '-',
        integrationStatus: failing ? failure.access.integrationStatus : '200',
      };
      accessEvents.push({
        timestamp: at + 900,
        message: JSON.stringify(
          kind === 'REST'
            ? {
                ...common,
                httpMethod: 'GET',
                resourcePath: '/orders',
                responseLatency: String(failing ? failure.latencyMs : 80),
              }
            : { ...common, routeKey: route },
        ),
      });
      if (!failing) {
        lambdaEvents.push(
          { timestamp: at + 10, message: `START RequestId: ${lambdaRequestId} Version: $LATEST` },
          { timestamp: at + 70, message: `END RequestId: ${lambdaRequestId}` },
          {
            timestamp: at + 71,
            message: `REPORT RequestId: ${lambdaRequestId}\tDuration: 61.20 ms\tBilled Duration: 62 ms\tMemory Size: ${failure.memoryMb} MB\tMax Memory Used: 70 MB`,
          },
        );
        continue;
      }
      requestIds.push(requestId);
      if (kind === 'REST') {
        executionEvents.push(
          ...failure
            .executionLines(lambdaRequestId)
            .map((line, j) => ({ timestamp: at + 20 + j, message: `(${requestId}) ${line}` })),
        );
      }
      lambdaEvents.push(
        ...failure
          .lambdaLines(lambdaRequestId, new Date(at))
          .map((line, j) => ({ timestamp: at + 10 + j, message: line })),
      );
    }
  });
  const executionLogGroup = kind === 'REST' ? `API-Gateway-Execution-Logs_${apiId}/${stage}` : undefined;
  if (executionLogGroup !== undefined) {
    if (failure.loggingLevel === 'INFO') {
      executionEvents.unshift({
        timestamp: onsetMinute + 1_000,
        message: `(${randomUUID()}) Sending request to ${LAMBDA_INVOKE_URL}/${functionArn}/invocations`,
      });
    }
    await putLines(clients, executionLogGroup, executionEvents);
  }
  await putLines(clients, accessLogGroup, accessEvents);
  const lambdaLogGroup = `/aws/lambda/${functionName}`;
  // A function that was never invoked has no log group.
  if (failure.lambda.invocations > 0) await putLines(clients, lambdaLogGroup, lambdaEvents);

  // Metrics of the whole traffic, per minute.
  const apiDimensions =
    kind === 'REST'
      ? [
          { Name: 'ApiName', Value: apiName },
          { Name: 'Stage', Value: stage },
        ]
      : [
          { Name: 'ApiId', Value: apiId },
          { Name: 'Stage', Value: stage },
        ];
  const apiData: MetricDatum[] = [];
  const lambdaData: MetricDatum[] = [];
  const fnDimensions = [{ Name: 'FunctionName', Value: functionName }];
  for (const minute of minutes) {
    const failing = minute >= onsetMinute;
    const Timestamp = new Date(minute);
    const datum = (MetricName: string, Value: number, Unit: 'Count' | 'Milliseconds'): MetricDatum => ({
      MetricName,
      Dimensions: apiDimensions,
      Timestamp,
      Value,
      Unit,
    });
    apiData.push(
      datum(kind === 'REST' ? '5XXError' : '5xx', failing ? FAILURES_PER_MINUTE : 0, 'Count'),
      datum(kind === 'REST' ? '4XXError' : '4xx', 1, 'Count'),
      datum('Count', REQUESTS_PER_MINUTE, 'Count'),
      datum('Latency', failing ? failure.latencyMs : 95, 'Milliseconds'),
      datum('IntegrationLatency', failing ? failure.integrationLatencyMs : 80, 'Milliseconds'),
    );
    const l = failing
      ? failure.lambda
      : {
          errors: 0,
          throttles: 0,
          durationMs: 61,
          concurrency: 2,
          invocations: failure.lambda.invocations === 0 ? 0 : REQUESTS_PER_MINUTE,
        };
    const fnDatum = (MetricName: string, Value: number, Unit: 'Count' | 'Milliseconds'): MetricDatum => ({
      MetricName,
      Dimensions: fnDimensions,
      Timestamp,
      Value,
      Unit,
    });
    if (l.invocations > 0 || l.throttles > 0) {
      lambdaData.push(
        fnDatum('Invocations', l.invocations, 'Count'),
        fnDatum('Errors', l.errors, 'Count'),
        fnDatum('Throttles', l.throttles, 'Count'),
        fnDatum('Duration', l.durationMs, 'Milliseconds'),
        fnDatum('ConcurrentExecutions', l.concurrency, 'Count'),
      );
    }
  }
  await putMetrics(clients, 'AWS/ApiGateway', apiData);
  if (lambdaData.length > 0) await putMetrics(clients, 'AWS/Lambda', lambdaData);

  const window = incidentWindow(stateChangeTime, { periodSeconds: 60, evaluationPeriods: 3 });
  const alarmName = `${apiName}-${stage}-5xx`;
  const incident: Incident = {
    alarmName,
    alarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${alarmName}`,
    state: 'ALARM',
    previousState: 'OK',
    stateChangeTime,
    reason: `Threshold Crossed: 1 datapoint [${FAILURES_PER_MINUTE}.0] was greater than the threshold (5.0).`,
    region,
    accountId,
    api: kind === 'REST' ? { kind, name: apiName, stage } : { kind, id: apiId, name: apiName, stage },
    metric: {
      namespace: 'AWS/ApiGateway',
      metricName: kind === 'REST' ? '5XXError' : '5xx',
      statistic: 'Sum',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 1,
      threshold: 5,
      comparisonOperator: 'GreaterThanThreshold',
    },
    window,
    source: 'sns',
  };
  return {
    scenario,
    kind,
    region,
    accountId,
    apiId,
    apiName,
    stage,
    route,
    functionName,
    functionArn,
    ...(executionLogGroup === undefined ? {} : { executionLogGroup }),
    accessLogGroup,
    lambdaLogGroup,
    stateChangeTime,
    window,
    onset: new Date(onsetMinute).toISOString(),
    requestIds,
    incident,
  };
}
