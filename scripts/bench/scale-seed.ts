/**
 * Seeds one bench:scale case on the emulator: the integration-timeout scenario's broken REST API
 * (its stage logging at INFO), `backends - 1` more healthy Lambda routes with their metrics, and
 * N lines of ordinary traffic per log group (execution, access, function) with the failing
 * requests — a fraction of them — placed at the end of the window. Lines are streamed to
 * PutLogEvents in batches at the documented limits (10,000 events, 1,048,576 bytes counting 26
 * bytes per event, chronological), so seeding a million lines never holds them in memory.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateResourceCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { SANDBOX_ACCOUNT, SANDBOX_REGION } from '../sandbox/env';
import { SCENARIO_FAILURES } from '../sandbox/scenarios';
import { seedClients, seedScenario } from '../sandbox/seed';
import type { SeedClients, SeededScenario } from '../sandbox/seed';
import { createBackendFunction } from '../sandbox/seed-function';
import { putMetrics } from '../sandbox/seed-metrics';

export interface ScaleCase {
  /** Lines per log group. */
  readonly lines: number;
  /** Share of the requests that fail, all at the end of the window. */
  readonly failureFraction: number;
  /** Backend functions behind the API (1 = the failing one only). */
  readonly backends: number;
}

export interface SeededScale {
  readonly seeded: SeededScenario;
  /** Failing requests in the access log. */
  readonly failingRequests: number;
  readonly seedMs: number;
  readonly putLogEventsCalls: number;
}

export const MAX_BATCH_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;

interface Line {
  readonly timestamp: number;
  readonly message: string;
}

/** Streams lines into a new log stream of `group`, one PutLogEvents per full batch. */
async function putAll(clients: SeedClients, group: string, lines: Iterable<Line>): Promise<number> {
  const logStreamName = `bench/${randomUUID()}`;
  await clients.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName }));
  let batch: Line[] = [];
  let bytes = 0;
  let calls = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await clients.logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName, logEvents: batch }));
    calls += 1;
    batch = [];
    bytes = 0;
  };
  for (const line of lines) {
    const size = Buffer.byteLength(line.message) + EVENT_OVERHEAD_BYTES;
    if (batch.length >= MAX_BATCH_EVENTS || bytes + size > MAX_BATCH_BYTES) await flush();
    batch.push(line);
    bytes += size;
  }
  await flush();
  return calls;
}

/** Failing requests among `count`: the case's share, at least one. */
function failingOf(count: number, c: ScaleCase): number {
  return Math.max(1, Math.round(count * c.failureFraction));
}

/** `count` requests spread evenly over [start, end), oldest first; the last of them fail. */
function* requests(count: number, c: ScaleCase, start: number, end: number): Generator<{ t: number; fails: boolean }> {
  const step = (end - start) / Math.max(1, count);
  const failing = failingOf(count, c);
  for (let i = 0; i < count; i += 1) yield { t: Math.floor(start + i * step), fails: i >= count - failing };
}

function* accessLines(c: ScaleCase, start: number, end: number): Generator<Line> {
  for (const { t, fails } of requests(c.lines, c, start, end)) {
    yield {
      timestamp: t,
      message: JSON.stringify({
        requestId: randomUUID(),
        ip: '203.0.113.10',
        requestTime: new Date(t).toISOString(),
        httpMethod: 'GET',
        resourcePath: '/orders',
        status: fails ? '504' : '200',
        responseLatency: fails ? '29038' : '80',
        responseType: fails ? 'INTEGRATION_TIMEOUT' : '-',
        integrationError: '-',
        integrationStatus: fails ? '-' : '200',
      }),
    };
  }
}

/** INFO-level execution log: 4 lines per good request, 4 per failing one (with its failure lines). */
function* executionLines(c: ScaleCase, start: number, end: number): Generator<Line> {
  for (const { t, fails } of requests(Math.ceil(c.lines / 4), c, start, end)) {
    const id = randomUUID();
    const lines = fails
      ? [
          'Method request path: {}',
          'Endpoint request body after transformations: {"resource":"/orders"}',
          'Execution failed due to a timeout error',
          'Method completed with status: 504',
        ]
      : [
          'Method request path: {}',
          'Endpoint response body before transformations: {"statusCode":200,"body":"[]"}',
          'Method response body after transformations: []',
          'Method completed with status: 200',
        ];
    for (let j = 0; j < lines.length; j += 1) yield { timestamp: t + j, message: `(${id}) ${lines[j] ?? ''}` };
  }
}

/** The function's START/END/REPORT lines; the failing requests ran on past the integration timeout. */
function* functionLines(c: ScaleCase, start: number, end: number): Generator<Line> {
  for (const { t, fails } of requests(Math.ceil(c.lines / 3), c, start, end)) {
    const id = randomUUID();
    const duration = fails ? '34512.07' : '61.20';
    yield { timestamp: t, message: `START RequestId: ${id} Version: $LATEST` };
    yield { timestamp: t + 1, message: `END RequestId: ${id}` };
    yield {
      timestamp: t + 2,
      message: `REPORT RequestId: ${id}\tDuration: ${duration} ms\tBilled Duration: 62 ms\tMemory Size: 512 MB\tMax Memory Used: 70 MB`,
    };
  }
}

/** The healthy routes and functions: /r1 ... /r{n}, each its own function with quiet metrics. */
async function extraBackends(clients: SeedClients, seeded: SeededScenario, count: number, minutes: readonly number[]) {
  const resources = await clients.apiGateway.send(new GetResourcesCommand({ restApiId: seeded.apiId, limit: 500 }));
  const rootId = resources.items?.find((r) => r.path === '/')?.id ?? '';
  const data: MetricDatum[] = [];
  for (let i = 1; i <= count; i += 1) {
    const functionName = `${seeded.apiName}-b${i}`;
    const arn = await createBackendFunction(clients, {
      // Each function its own role name (the helper creates `<apiName>-handler-role`).
      apiName: functionName,
      functionName,
      failure: SCENARIO_FAILURES['integration-timeout'],
      region: SANDBOX_REGION,
      accountId: SANDBOX_ACCOUNT,
    });
    const resource = await clients.apiGateway.send(
      new CreateResourceCommand({ restApiId: seeded.apiId, parentId: rootId, pathPart: `r${i}` }),
    );
    const resourceId = resource.id ?? '';
    await clients.apiGateway.send(
      new PutMethodCommand({ restApiId: seeded.apiId, resourceId, httpMethod: 'GET', authorizationType: 'NONE' }),
    );
    await clients.apiGateway.send(
      new PutIntegrationCommand({
        restApiId: seeded.apiId,
        resourceId,
        httpMethod: 'GET',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: `arn:aws:apigateway:${SANDBOX_REGION}:lambda:path/2015-03-31/functions/${arn}/invocations`,
      }),
    );
    const Dimensions = [{ Name: 'FunctionName', Value: functionName }];
    for (const minute of minutes) {
      const Timestamp = new Date(minute);
      data.push(
        { MetricName: 'Invocations', Dimensions, Timestamp, Value: 40, Unit: 'Count' },
        { MetricName: 'Errors', Dimensions, Timestamp, Value: 0, Unit: 'Count' },
        { MetricName: 'Duration', Dimensions, Timestamp, Value: 61, Unit: 'Milliseconds' },
      );
    }
  }
  await putMetrics(clients.cloudWatch, 'AWS/Lambda', data);
}

export async function seedScale(endpoint: string, c: ScaleCase, log: (line: string) => void): Promise<SeededScale> {
  const started = Date.now();
  const clients = seedClients(endpoint);
  const seeded = await seedScenario(clients, 'integration-timeout');
  await clients.apiGateway.send(
    new UpdateStageCommand({
      restApiId: seeded.apiId,
      stageName: seeded.stage,
      patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' }],
    }),
  );
  const start = Date.parse(seeded.window.start);
  const end = Date.parse(seeded.stateChangeTime) - 1_000;
  const failingRequests = failingOf(c.lines, c);
  const minutes: number[] = [];
  for (let t = Math.floor(start / 60_000) * 60_000; t < end; t += 60_000) minutes.push(t);
  if (c.backends > 1) {
    log(`  creating ${c.backends - 1} more backend functions and routes…`);
    await extraBackends(clients, seeded, c.backends - 1, minutes);
  }
  // The API's metrics for the seeded traffic (added to the scenario's own small numbers).
  const perMinute = c.lines / minutes.length;
  const failStart = end - ((end - start) * failingRequests) / c.lines;
  const api = [
    { Name: 'ApiName', Value: seeded.apiName },
    { Name: 'Stage', Value: seeded.stage },
  ];
  const apiData: MetricDatum[] = minutes.flatMap((minute) => {
    const failingHere = Math.max(0, Math.min(minute + 60_000, end) - Math.max(minute, failStart));
    const share = failingHere / Math.max(1, Math.min(minute + 60_000, end) - minute);
    return [
      {
        MetricName: 'Count',
        Dimensions: api,
        Timestamp: new Date(minute),
        Value: Math.round(perMinute),
        Unit: 'Count',
      },
      {
        MetricName: '5XXError',
        Dimensions: api,
        Timestamp: new Date(minute),
        Value: Math.round(perMinute * share),
        Unit: 'Count',
      },
    ];
  });
  await putMetrics(clients.cloudWatch, 'AWS/ApiGateway', apiData);
  log(`  writing ${c.lines.toLocaleString('en-US')} lines into each of 3 log groups…`);
  const calls = await Promise.all([
    putAll(clients, seeded.accessLogGroup, accessLines(c, start, end)),
    putAll(clients, seeded.executionLogGroup ?? '', executionLines(c, start, end)),
    putAll(clients, seeded.lambdaLogGroup, functionLines(c, start, end)),
  ]);
  return {
    seeded,
    failingRequests,
    seedMs: Date.now() - started,
    putLogEventsCalls: calls.reduce((a, b) => a + b, 0),
  };
}
