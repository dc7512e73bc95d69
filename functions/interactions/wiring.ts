/**
 * The interactions Lambda's real dependencies: the runtime config the responder reads, the
 * incident table (incidents, mutes, acknowledgements, seen signatures), the signing secret, the
 * work queue (the endpoint answers Slack at once; the queue's messages run the worker), and a
 * re-run of the diagnosis through the responder's own pipeline (diagnosis-pipeline.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore } from '../incidents/dynamo-store';
import type { SecretReader } from '../notify/secrets';
import { createSecretReader } from '../notify/secrets';
import type { FetchLike } from '../notify/http';
import { accountClientsFor } from '../cross-account/read-role-wiring';
import type { ReadRoleFailure } from '../cross-account/read-role-sessions';
import { clientsPerRegion, createDiagnosisPipeline } from '../responder/diagnosis-pipeline';
import type { ClientsFor } from '../responder/diagnosis-pipeline';
import { parseRuntimeConfig } from '../responder/runtime-config-schema';
import { RUNTIME_CONFIG_ENV } from '../runtime-config';
import type { ResponderRuntimeConfig } from '../runtime-config';
import { DynamoMuteStore } from '../suppression/mutes';
import type { EndpointDeps } from './function-url';
import { SIGNING_SECRET_ENV, WORK_QUEUE_ENV } from './env-names';
import { DynamoInteractionStore } from './interaction-store';
import { acknowledgeElsewhere, slackThreadPoster } from './outside-world';
import type { IncidentAction } from './parse-action';
import type { WorkerDeps } from './perform-action';
import { rerunDiagnosis } from './rerun';
import type { Rejection } from './verify-signature';

export interface InteractionsRuntime {
  readonly config: ResponderRuntimeConfig;
  readonly endpoint: EndpointDeps;
  readonly worker: WorkerDeps;
}

export interface InteractionsOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly rejected: (reason: Rejection) => void;
  /** Tests and the demo: an HTTP client for Slack, PagerDuty and Jira. */
  readonly fetch?: FetchLike;
  /** Tests and the demo: run the work in-process instead of queueing it. */
  readonly dispatch?: (action: IncidentAction) => Promise<void>;
  readonly secrets?: SecretReader;
  /** Tests: the probes' AWS clients for a region. */
  readonly clients?: ClientsFor;
  /** Told when a re-run's read role cannot be assumed (the handler logs and counts it). */
  readonly readRoleFailed?: (error: ReadRoleFailure) => void;
}

export function createInteractionsRuntime(options: InteractionsOptions): InteractionsRuntime {
  const { env } = options;
  const config = parseRuntimeConfig(env[RUNTIME_CONFIG_ENV]);
  const signingSecretId = env[SIGNING_SECRET_ENV];
  if (signingSecretId === undefined || signingSecretId === '')
    throw new Error(`${SIGNING_SECRET_ENV} is not set: the stack names the Slack signing secret in it`);
  const region = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const dynamo = new DynamoDBClient({ region, maxAttempts: 3 });
  const interactions = new DynamoInteractionStore(config.tableName, dynamo);
  const secrets = options.secrets ?? createSecretReader();
  const world = { config, secrets, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) };
  let signingSecret: Promise<string> | undefined;
  const queueUrl = env[WORK_QUEUE_ENV];
  // A re-run diagnoses the API in its own account, through its read role like the responder.
  const accounts = accountClientsFor(config, {
    own: options.clients ?? clientsPerRegion(),
    ...(options.readRoleFailed === undefined ? {} : { onFailure: options.readRoleFailed }),
  });
  const pipeline = createDiagnosisPipeline(config, accounts);

  const dispatch =
    options.dispatch ??
    (async (action: IncidentAction): Promise<void> => {
      if (queueUrl === undefined) throw new Error(`${WORK_QUEUE_ENV} is not set`);
      const { SQSClient, SendMessageCommand } = await import('@aws-sdk/client-sqs');
      await new SQSClient({ region }).send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(action) }),
      );
    });

  return {
    config,
    endpoint: {
      signingSecret: () => {
        signingSecret ??= secrets(signingSecretId).catch((error: unknown) => {
          signingSecret = undefined;
          throw error;
        });
        return signingSecret;
      },
      firstSeen: (signature, nowMs) => interactions.firstSeen(signature, nowMs),
      dispatch,
      rejected: options.rejected,
      now: Date.now,
    },
    worker: {
      store: new DynamoIncidentStore({ tableName: config.tableName, client: dynamo }),
      mutes: new DynamoMuteStore(config.tableName, dynamo),
      interactions,
      slack: slackThreadPoster(world),
      acknowledgeElsewhere: acknowledgeElsewhere(world),
      rerun: (opening, lastReceive) => {
        accounts.reset();
        return rerunDiagnosis(pipeline, opening, Date.now(), lastReceive);
      },
      now: Date.now,
    },
  };
}
