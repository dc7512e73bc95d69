/**
 * AWS clients for the probes, created lazily on first use (a REST incident never constructs the
 * apigatewayv2 client) with adaptive retries and a bounded attempt count. Every client carries the
 * call tracker; the recorder, replayer and latency injector plug in through `plugins`.
 */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { XRayClient } from '@aws-sdk/client-xray';
import type { AwsCredentialIdentity, Pluggable } from '@smithy/types';
import { callTrackerPlugin } from './call-scope';
import type { CallListener } from './call-scope';

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
}

/** The lazily created clients plus the names of those created so far. */
export interface LazyAwsClients extends AwsClients {
  readonly created: () => readonly ClientName[];
}

interface Sendable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  middlewareStack: { use(plugin: Pluggable<any, any>): void };
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
