/**
 * AWS clients for the probes, created lazily on first use (a REST incident never constructs the
 * apigatewayv2 client) with adaptive retries and a bounded attempt count. Every client carries the
 * call tracker; the recorder, replayer and latency injector plug in through `plugins`.
 *
 * Deadlines hold at the socket: every `send` gets the caller's AbortSignal (the probe's scope,
 * see call-scope.ts) so an aborted call destroys its HTTP request, and the request timeout throws
 * (`throwOnRequestTimeout`: without it @smithy/node-http-handler only logs a warning and the
 * request runs on). Each service has a bounded number of calls in flight (CloudTrail also paced
 * to its 2 requests per second), so a wide API cannot exhaust the client's 50 sockets.
 */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { XRayClient } from '@aws-sdk/client-xray';
import type { AwsCredentialIdentity, Pluggable } from '@smithy/types';
import { callScope, callTrackerPlugin } from './call-scope';
import type { CallListener } from './call-scope';
import { createLimiter } from './concurrency';
import type { Limiter } from './concurrency';

export interface AwsClients {
  readonly apiGateway: APIGatewayClient;
  readonly apiGatewayV2: ApiGatewayV2Client;
  readonly cloudWatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly lambda: LambdaClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly cloudTrail: CloudTrailClient;
  readonly xray: XRayClient;
}

export type ClientName = keyof AwsClients;

export interface AwsClientOptions {
  readonly region: string;
  /** Emulator or VPC endpoint; the SDK's AWS_ENDPOINT_URL applies when absent. */
  readonly endpoint?: string;
  readonly credentials?: AwsCredentialIdentity;
  /** Shared-config profile (the CLI's --profile). */
  readonly profile?: string;
  /** Attempts per call including the first. @default 3 */
  readonly maxAttempts?: number;
  /** Per-request socket timeout in ms. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** Extra middleware (recorder, replayer, latency), applied to every client. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly plugins?: readonly Pluggable<any, any>[];
  /** Replaces the HTTP handler (replay uses one that refuses every request). */
  readonly requestHandler?: unknown;
  /** Told about every call any client makes. */
  readonly onCall?: CallListener;
  /** Calls in flight per service at most. @default SERVICE_CONCURRENCY */
  readonly concurrency?: Partial<Record<ClientName, number>>;
}

/**
 * Calls in flight per service: well under the HTTP agent's 50 sockets in total, and under the
 * services' own request rates (CloudTrail LookupEvents: 2 per second per account and region).
 */
export const SERVICE_CONCURRENCY: Readonly<Record<ClientName, number>> = {
  apiGateway: 4,
  apiGatewayV2: 4,
  cloudWatch: 4,
  logs: 4,
  lambda: 8,
  elbv2: 4,
  cloudTrail: 1,
  xray: 2,
};
const CLOUDTRAIL_INTERVAL_MS = 500;

/** The lazily created clients plus the names of those created so far. */
export interface LazyAwsClients extends AwsClients {
  readonly created: () => readonly ClientName[];
}

interface Sendable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { use(plugin: Pluggable<any, any>): void };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  send(command: any, options?: any): Promise<any>;
}

/**
 * Wraps `send`: waits for a slot of the service's limiter, then sends with the caller's signal
 * (an explicit `abortSignal` wins over the call scope's), so the HTTP handler destroys the request
 * when the probe or the diagnosis runs out of time.
 */
function bound(client: Sendable, limiter: Limiter, heavy?: Limiter): void {
  const send = client.send.bind(client);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  client.send = (command: any, options?: any): Promise<any> => {
    if (typeof options === 'function') return send(command, options);
    // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access
    const signal = (options?.abortSignal as AbortSignal | undefined) ?? callScope.getStore()?.signal;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
    const withSignal = signal === undefined ? options : { ...options, abortSignal: signal };
    const run = (): Promise<unknown> => limiter.run(() => send(command, withSignal), signal);
    return heavy !== undefined && isLargeLogPage(command) ? heavy.run(run, signal) : run();
  };
}

/**
 * Large FilterLogEvents pages in flight at once. A page of 10,000 unfiltered lines (a service
 * that ignores the pattern, as the emulator does) is several MB of JSON and costs about eight
 * times that while it is received, decoded and parsed: three groups read at once put the CLI over
 * 200 MB at 100,000 lines per group. Small pages (the trace drill, probes) are not held back.
 */
export const LARGE_LOG_PAGES_IN_FLIGHT = 2;
const LARGE_LOG_PAGE_EVENTS = 1_000;

function isLargeLogPage(command: unknown): boolean {
  return command instanceof FilterLogEventsCommand && (command.input.limit ?? 10_000) > LARGE_LOG_PAGE_EVENTS;
}

export function createAwsClients(options: AwsClientOptions): LazyAwsClients {
  const config = {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: 'adaptive',
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    requestHandler: options.requestHandler ?? {
      requestTimeout: options.requestTimeoutMs ?? 10_000,
      connectionTimeout: 3_000,
      throwOnRequestTimeout: true,
    },
  };
  const plugins = [callTrackerPlugin(options.onCall), ...(options.plugins ?? [])];
  const cache = new Map<ClientName, unknown>();
  function lazy<T extends Sendable>(name: ClientName, make: (c: typeof config) => T): () => T {
    return () => {
      let client = cache.get(name) as T | undefined;
      if (client === undefined) {
        client = make(config);
        for (const plugin of plugins) client.middlewareStack.use(plugin);
        const limit = options.concurrency?.[name] ?? SERVICE_CONCURRENCY[name];
        bound(
          client,
          createLimiter(limit, name === 'cloudTrail' ? CLOUDTRAIL_INTERVAL_MS : 0),
          name === 'logs' ? createLimiter(LARGE_LOG_PAGES_IN_FLIGHT) : undefined,
        );
        cache.set(name, client);
      }
      return client;
    };
  }
  // The SDK config types are per client; the shared object satisfies each of them.
  /* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument */
  const apiGateway = lazy('apiGateway', (c) => new APIGatewayClient(c as any));
  const apiGatewayV2 = lazy('apiGatewayV2', (c) => new ApiGatewayV2Client(c as any));
  const cloudWatch = lazy('cloudWatch', (c) => new CloudWatchClient(c as any));
  const logs = lazy('logs', (c) => new CloudWatchLogsClient(c as any));
  const lambda = lazy('lambda', (c) => new LambdaClient(c as any));
  const elbv2 = lazy('elbv2', (c) => new ElasticLoadBalancingV2Client(c as any));
  const cloudTrail = lazy('cloudTrail', (c) => new CloudTrailClient(c as any));
  const xray = lazy('xray', (c) => new XRayClient(c as any));
  /* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument */
  return {
    get apiGateway() {
      return apiGateway();
    },
    get apiGatewayV2() {
      return apiGatewayV2();
    },
    get cloudWatch() {
      return cloudWatch();
    },
    get logs() {
      return logs();
    },
    get lambda() {
      return lambda();
    },
    get elbv2() {
      return elbv2();
    },
    get cloudTrail() {
      return cloudTrail();
    },
    get xray() {
      return xray();
    },
    created: () => [...cache.keys()],
  };
}
