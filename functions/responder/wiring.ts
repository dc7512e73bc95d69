/**
 * The real dependencies of the orchestration. Loaded by the handler on the first invocation of a
 * container (not at module init, which the bench measures), then kept for the container's life.
 * Heavy modules stay behind dynamic imports until an incident needs them: the diagnosis engine
 * and its SDK clients, the classifier and remediation only for an opening ALARM; each
 * destination's code on its first send (createNotifiers).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore } from '../incidents/dynamo-store';
import { DynamoMuteStore } from '../suppression/mutes';
import type { IncidentStore } from '../incidents/store';
import { deliverAll } from '../notify/deliver';
import type { SecretReader } from '../notify/notifiers';
import { createNotifiers, createSecretReader } from '../notify/notifiers';
import type { FetchLike } from '../notify/http';
import type { RedactionOptions } from '../redact';
import { protect } from '../redact';
import { RUNTIME_CONFIG_ENV } from '../runtime-config';
import type { ResponderRuntimeConfig } from '../runtime-config';
import type { ResponderDeps, ResponderLog } from './ports';
import { DEFAULT_SETTINGS } from './ports';
import { metricsAdapter } from './metrics-adapter';
import type { Responder } from './respond';
import { createResponder } from './respond';
import { clientsPerRegion, createDiagnosisPipeline } from './diagnosis-pipeline';
import { redactionFor } from './redaction-options';
import { parseRuntimeConfig } from './runtime-config-schema';
import { createProvenanceGate } from '../provenance/gate';
import { accountClientsFor, alarmCloudWatch } from '../cross-account/read-role-wiring';
import { readRoleFailureReporter } from '../cross-account/read-role-failure-report';
import type { AwsClients } from '../diagnosis/clients';

export interface RuntimeOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Tests and the demo: an HTTP client for the destinations. */
  readonly fetch?: FetchLike;
  /** Tests: replace single dependencies. */
  readonly overrides?: Partial<ResponderDeps>;
}

export interface Runtime {
  readonly config: ResponderRuntimeConfig;
  readonly responder: Responder;
  readonly store: IncidentStore;
}

/** Every log line passes the boundary: the responder's own logs are a place data leaves to. */
function logAdapter(logger: Logger, options: RedactionOptions): ResponderLog {
  const safe = (extra: Record<string, unknown> | undefined): Record<string, unknown> => protect(extra ?? {}, options);
  return {
    debug: (message, extra) => logger.debug(protect(message, options), safe(extra)),
    info: (message, extra) => logger.info(protect(message, options), safe(extra)),
    warn: (message, extra) => logger.warn(protect(message, options), safe(extra)),
    error: (message, extra) => logger.error(protect(message, options), safe(extra)),
  };
}

/** Secrets Manager through a traced client, created on the first secret read. */
function tracedSecretReader(tracer: Tracer, region: string): SecretReader {
  let reader: Promise<SecretReader> | undefined;
  return async (secretId) => {
    reader ??= import('@aws-sdk/client-secrets-manager').then(({ SecretsManagerClient }) =>
      createSecretReader({ client: tracer.captureAWSv3Client(new SecretsManagerClient({ region })) }),
    );
    return (await reader)(secretId);
  };
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { logger, metrics, tracer, env } = options;
  const config = parseRuntimeConfig(env[RUNTIME_CONFIG_ENV]);
  const region = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({ region, maxAttempts: 5 }));
  const store = new DynamoIncidentStore({ tableName: config.tableName, client: dynamo });
  const log = logAdapter(logger, redactionFor(config, undefined));
  // The probes' clients, traced on first use: per region, this account's kept warm across
  // invocations; another account's built per invocation with its read role (functions/cross-account/).
  const traced = (lazy: AwsClients): AwsClients => {
    const seen = new WeakSet<object>();
    return new Proxy(lazy, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value === 'object' && value !== null && 'middlewareStack' in value && !seen.has(value)) {
          seen.add(value);
          tracer.captureAWSv3Client(value);
        }
        return value;
      },
    });
  };
  const clientsFor = clientsPerRegion(traced);
  const responderMetrics = metricsAdapter(metrics);
  const accounts = accountClientsFor(config, {
    own: clientsFor,
    decorate: traced,
    onFailure: readRoleFailureReporter(
      (message, extra) => log.warn(message, extra),
      responderMetrics,
      'the record fails so Lambda retries it (posted without the diagnosis from the retry on)',
    ),
  });

  const notifiers = createNotifiers(
    config.destinations,
    {
      secrets: tracedSecretReader(tracer, region),
      region,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      // Drawn in the API's account with the diagnosis' clients: a member's through its read role.
      graph: async (summary, signal) => {
        const { accountGraph } = await import('../notify/graph/account-graph');
        return accountGraph(accounts)(summary, signal);
      },
    },
    config.routes,
  );

  // The gate reads CloudWatch through the probes' clients (another account's through its read role).
  const provenance = createProvenanceGate({
    policy: { ...config.trust, watched: config.watched },
    reader: async () => {
      const { createAlarmStateReader } = await import('../provenance/alarm-state-reader');
      return createAlarmStateReader(alarmCloudWatch(accounts, clientsFor));
    },
    now: Date.now,
    readsAccount: (account) => accounts.hasRole(account),
  });

  const slack = config.destinations.slack;
  const deps: ResponderDeps = {
    store,
    destinations: notifiers.map((n) => n.name),
    probes: config.probes,
    ...createDiagnosisPipeline(config, accounts),
    deliver: (summary, refs, opts) => deliverAll(summary, notifiers, refs, opts),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log,
    metrics: responderMetrics,
    maintenanceWindows: config.maintenanceWindows ?? [],
    settings: {
      ...DEFAULT_SETTINGS,
      groupingWindowMs: config.groupingWindowMinutes * 60_000,
      notifyReserveMs: config.notifyReserveMs,
      slackChannel: slack === undefined ? 'none' : slack.mode === 'bot' ? slack.channel : 'webhook',
    },
    provenance,
    // Mutes are set from Slack's buttons: consulted only where the buttons exist.
    ...(slack?.mode === 'bot' && slack.interactive === true
      ? { mutes: new DynamoMuteStore(config.tableName, dynamo) }
      : {}),
    ...options.overrides,
  };
  const responder = createResponder(deps);
  // Read-role sessions name the incident they read for: each invocation assumes afresh.
  const handleEvent: typeof responder.handleEvent = (event, ctx) => {
    accounts.reset();
    return responder.handleEvent(event, ctx);
  };
  return { config, responder: { ...responder, handleEvent }, store };
}
