/**
 * The whole responder on one machine, as in production except for the endpoints: moto server
 * (DynamoDB table, Secrets Manager, SNS topic, the seeded APIs), a real SNS HTTP subscription to
 * a local adapter that invokes the real handler as Lambda would, and local stand-ins for Slack
 * and a generic webhook. The demo and the end-to-end benchmark both run on it.
 */
import { randomUUID } from 'node:crypto';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type * as ResponderHandler from '../../functions/responder/handler';
import { ownTrust } from '../../functions/provenance/trust-policy';
import type { ResponderRuntimeConfig, WatchedApiRuntime } from '../../functions/runtime-config';
import { RUNTIME_CONFIG_ENV } from '../../functions/runtime-config';
import { PROBE_NAMES } from '../../functions/types';
import type { AlarmSpec } from './alarm-notification';
import { alarmMessage, alarmSubject } from './alarm-notification';
import { putAlarmInState } from './emulated-alarm';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, sandboxClientConfig, sandboxEnvironment } from './env';
import type { FakeDestinations } from './fake-destinations';
import { startFakeDestinations } from './fake-destinations';
import type { RunningMoto } from './moto';
import { startMoto } from './moto';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SIGNING_SECRET_ENV, WORK_QUEUE_ENV } from '../../functions/interactions/env-names';
import type { InteractionsEndpoint } from './interactions-endpoint';
import { startInteractionsEndpoint } from './interactions-endpoint';
import type { SnsLambdaAdapter } from './sns-lambda-adapter';
import { startSnsLambdaAdapter } from './sns-lambda-adapter';

export const SANDBOX_SLACK_CHANNEL = 'C0API5XX';
export const SANDBOX_SLACK_TOKEN = 'xoxb-sandbox-token';

type LambdaHandler = typeof ResponderHandler.handler;

export interface ResponderSandbox {
  readonly endpoint: string;
  readonly moto: RunningMoto;
  readonly destinations: FakeDestinations;
  readonly adapter: SnsLambdaAdapter;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  /** The incident table on the emulator. */
  readonly tableName: string;
  /** The real responder handler, for invoking it directly (Lambda retries, DLQ replays). */
  readonly handler: LambdaHandler;
  /** With `interactive`: the local function URL of the interactions handler. */
  readonly interactions?: InteractionsEndpoint;
  /**
   * Make the alarm of `spec` real in the emulator, in the state it claims, and its API/stage a
   * watched one: what the responder checks before it believes a notification.
   */
  prepareAlarm(spec: AlarmSpec): Promise<void>;
  /** Publish one of this project's alarm notifications to the SNS topic, as CloudWatch does (after prepareAlarm). */
  publishAlarm(spec: AlarmSpec, options?: { readonly prepared?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export interface ResponderSandboxOptions {
  readonly log?: (line: string) => void;
  /** Use an emulator that is already running instead of starting one. */
  readonly endpoint?: string;
  /** Also deliver to the generic webhook stand-in (the demo reads summaries from it). @default true */
  readonly webhook?: boolean;
  /** Also deliver to the Jira and PagerDuty stand-ins (resolve transition "Done"). @default false */
  readonly paging?: boolean;
  /** Slack buttons: a signing secret, the interactions handler behind a local function URL, its SQS queue. @default off */
  readonly interactive?: boolean;
}

/** The Slack app's signing secret in the sandbox (stored in the emulator's Secrets Manager). */
export const SANDBOX_SIGNING_SECRET = 'sandbox-signing-secret-0123456789abcdef';

export async function createIncidentTable(endpoint: string, tableName: string): Promise<void> {
  const dynamo = new DynamoDBClient(sandboxClientConfig(endpoint));
  await dynamo.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await dynamo.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    }),
  );
}

async function startInteractions(
  endpoint: string,
  suffix: string,
  signingSecretId: string,
): Promise<InteractionsEndpoint> {
  const sqs = new SQSClient(sandboxClientConfig(endpoint));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: `apigw-responder-interactions-${suffix}` }));
  process.env[WORK_QUEUE_ENV] = queue.QueueUrl ?? '';
  process.env[SIGNING_SECRET_ENV] = signingSecretId;
  const module = await import('../../functions/interactions/handler');
  module.resetInteractionsRuntime();
  return startInteractionsEndpoint({
    handler: module.handler as (event: unknown) => Promise<unknown>,
    queueUrl: queue.QueueUrl ?? '',
    sqs,
  });
}

/** Start everything; `stop()` ends every process and server it started. */
export async function startResponderSandbox(options: ResponderSandboxOptions = {}): Promise<ResponderSandbox> {
  const log = options.log ?? (() => undefined);
  const suffix = randomUUID().slice(0, 8);
  const moto = options.endpoint === undefined ? await startMoto({ log }) : undefined;
  const endpoint = moto?.endpoint ?? options.endpoint ?? '';
  const stops: (() => Promise<void>)[] = [];
  if (moto) stops.push(() => moto.stop());
  try {
    Object.assign(process.env, sandboxEnvironment(endpoint));
    const destinations = await startFakeDestinations({ slackToken: SANDBOX_SLACK_TOKEN });
    stops.push(() => destinations.close());
    log(`Slack and webhook stand-ins listening on ${destinations.url}`);

    const tableName = `apigw-responder-incidents-${suffix}`;
    await createIncidentTable(endpoint, tableName);
    const secrets = new SecretsManagerClient(sandboxClientConfig(endpoint));
    const slackSecret = `apigw-responder/slack-bot-${suffix}`;
    const webhookSecret = `apigw-responder/webhook-${suffix}`;
    await secrets.send(
      new CreateSecretCommand({ Name: slackSecret, SecretString: JSON.stringify({ token: SANDBOX_SLACK_TOKEN }) }),
    );
    await secrets.send(
      new CreateSecretCommand({
        Name: webhookSecret,
        SecretString: JSON.stringify({ url: destinations.webhookUrl, hmacKey: `sandbox-${suffix}` }),
      }),
    );
    const jiraSecret = `apigw-responder/jira-${suffix}`;
    const pagerDutySecret = `apigw-responder/pagerduty-${suffix}`;
    if (options.paging === true) {
      await secrets.send(
        new CreateSecretCommand({
          Name: jiraSecret,
          SecretString: JSON.stringify({ email: 'oncall@example.com', apiToken: `jira-${suffix}` }),
        }),
      );
      await secrets.send(
        new CreateSecretCommand({ Name: pagerDutySecret, SecretString: JSON.stringify({ routingKey: `R${suffix}` }) }),
      );
    }
    const paging: Partial<ResponderRuntimeConfig['destinations']> =
      options.paging === true
        ? {
            jira: {
              site: destinations.jiraSite,
              projectKey: 'OPS',
              secretId: jiraSecret,
              issueType: 'Bug',
              resolveTransition: 'Done',
            },
            pagerduty: { routingKeySecretId: pagerDutySecret, eventsUrl: destinations.pagerDutyEventsUrl },
          }
        : {};
    const signingSecret = `apigw-responder/slack-signing-${suffix}`;
    if (options.interactive === true)
      await secrets.send(new CreateSecretCommand({ Name: signingSecret, SecretString: SANDBOX_SIGNING_SECRET }));
    const config: ResponderRuntimeConfig = {
      version: 1,
      tableName,
      groupingWindowMinutes: 30,
      notifyReserveMs: 10_000,
      probes: PROBE_NAMES,
      activeHealthCheck: false,
      // The seeded APIs have random names: each is added when its first alarm is prepared.
      watched: [],
      destinations: {
        slack: {
          mode: 'bot',
          tokenSecretId: slackSecret,
          channel: SANDBOX_SLACK_CHANNEL,
          apiBaseUrl: destinations.slackApiBaseUrl,
          ...(options.interactive === true ? { interactive: true, signingSecretId: signingSecret } : {}),
        },
        ...paging,
        ...(options.webhook === false ? {} : { webhook: { secretId: webhookSecret } }),
      },
      trust: ownTrust(SANDBOX_ACCOUNT, SANDBOX_REGION),
    };
    process.env[RUNTIME_CONFIG_ENV] = JSON.stringify(config);
    process.env['POWERTOOLS_LOG_LEVEL'] ??= 'ERROR';
    process.env['POWERTOOLS_METRICS_DISABLED'] = 'true';
    process.env['POWERTOOLS_TRACE_ENABLED'] = 'false';
    const responder = await import('../../functions/responder/handler');
    await responder.resetRuntime();
    const interactions =
      options.interactive === true ? await startInteractions(endpoint, suffix, signingSecret) : undefined;
    if (interactions !== undefined) {
      stops.push(() => interactions.close());
      log(`Slack interactions handler behind a local function URL ${interactions.url}`);
    }

    let subscriptionArn = '';
    const adapter = await startSnsLambdaAdapter({ handler: responder.handler, subscriptionArn: () => subscriptionArn });
    stops.push(() => adapter.close());
    const sns = new SNSClient(sandboxClientConfig(endpoint));
    const topic = await sns.send(new CreateTopicCommand({ Name: `apigw-responder-alarms-${suffix}` }));
    const topicArn = topic.TopicArn ?? '';
    const subscription = await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'http',
        Endpoint: adapter.url,
        ReturnSubscriptionArn: true,
      }),
    );
    subscriptionArn = subscription.SubscriptionArn ?? '';
    log(`SNS topic ${topicArn} → HTTP subscription → responder handler`);

    const cloudWatch = new CloudWatchClient(sandboxClientConfig(endpoint));
    let watched: readonly WatchedApiRuntime[] = config.watched;
    /** Adds the API/stage to the watched list (as the stack's config would) and reloads the runtime. */
    async function watch(spec: AlarmSpec): Promise<void> {
      const kind = spec.kind ?? 'REST';
      const api = spec.api ?? 'orders-api';
      const stage = spec.stage ?? 'prod';
      const matches = (w: WatchedApiRuntime): boolean => w.kind === kind && (kind === 'REST' ? w.name : w.id) === api;
      const existing = watched.find(matches);
      if (existing?.stages.includes(stage)) return;
      const entry: WatchedApiRuntime = {
        kind,
        ...(kind === 'REST' ? { name: api } : { id: api }),
        stages: [...(existing?.stages ?? []), stage],
        // The scenarios' backends are seeded after the stack's config would be written, and the
        // emulator has no IAM: the sandbox stands for a config that opted in to run-time discovery
        // (test/integration/diagnosis/read-scope.test.ts covers the 'listed' scope).
        discovery: 'account-wide',
      };
      watched = [...watched.filter((w) => !matches(w)), entry];
      process.env[RUNTIME_CONFIG_ENV] = JSON.stringify({ ...config, watched });
      await responder.resetRuntime();
    }
    async function prepareAlarm(spec: AlarmSpec): Promise<void> {
      await watch(spec);
      await putAlarmInState(cloudWatch, { region: SANDBOX_REGION, account: SANDBOX_ACCOUNT, ...spec });
    }

    return {
      endpoint,
      moto: moto ?? { endpoint, port: Number(new URL(endpoint).port), pid: 0, stop: () => Promise.resolve() },
      destinations,
      adapter,
      topicArn,
      subscriptionArn,
      tableName,
      handler: responder.handler,
      prepareAlarm,
      ...(interactions === undefined ? {} : { interactions }),
      async publishAlarm(spec: AlarmSpec, publishOptions: { readonly prepared?: boolean } = {}): Promise<void> {
        if (publishOptions.prepared !== true) await prepareAlarm(spec);
        const message = alarmMessage({ region: SANDBOX_REGION, account: SANDBOX_ACCOUNT, ...spec });
        await sns.send(
          new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(message), Subject: alarmSubject(message) }),
        );
      },
      async stop(): Promise<void> {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}
