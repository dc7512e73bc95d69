/**
 * The smoke run: the deployed bundle from the cloud assembly, run in-process (the emulator cannot
 * run Lambda code without Docker) with the deployed function's environment, receives an ALARM and
 * then an OK notification published to the deployed alarm topic, through a real SNS HTTP
 * subscription as in the demo. It must write to the deployed table and post to the Slack stand-in.
 */
import { PublishCommand, SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { parseAlarmName } from '../../lib/alarms/alarm-name';
import type { ResponderRuntimeConfig } from '../../functions/runtime-config';
import { RUNTIME_CONFIG_ENV } from '../../functions/runtime-config';
import { alarmMessage, alarmSubject } from '../sandbox/alarm-notification';
import { sandboxEnvironment } from '../sandbox/env';
import { startFakeDestinations } from '../sandbox/fake-destinations';
import type { LambdaHandler } from '../sandbox/sns-lambda-adapter';
import { startSnsLambdaAdapter } from '../sandbox/sns-lambda-adapter';
import { functionAssetDir } from './assembly';
import type { StackState } from './deployed-stack';
import { SMOKE_SLACK_TOKEN, createSecrets, standInSecrets, withLocalEndpoints } from './smoke-destinations';

export interface SmokeReport {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** The responder: the function with the runtime config that an SNS topic invokes (the alarm topic). */
function responder(state: StackState): { logicalId: string; topicArn: string } {
  const subscriptions = state
    .resources()
    .filter(({ type }) => type === 'AWS::SNS::Subscription')
    .map(({ logicalId }) => state.properties(logicalId))
    .filter((props) => props['Protocol'] === 'lambda');
  for (const { type, logicalId } of state.resources()) {
    if (type !== 'AWS::Lambda::Function') continue;
    const variables = (state.properties(logicalId)['Environment'] as { Variables?: object } | undefined)?.Variables;
    if (!(RUNTIME_CONFIG_ENV in (variables ?? {}))) continue;
    const arn = state.context.physicalId(logicalId);
    const subscription = subscriptions.find(
      (props) =>
        typeof props['Endpoint'] === 'string' && arn !== undefined && props['Endpoint'].endsWith(`:function:${arn}`),
    );
    if (subscription !== undefined) return { logicalId, topicArn: String(subscription['TopicArn']) };
  }
  throw new Error(`no function with ${RUNTIME_CONFIG_ENV} subscribed to an SNS topic in the template`);
}

function watchedAlarm(state: StackState) {
  for (const { type, logicalId } of state.resources()) {
    if (type !== 'AWS::CloudWatch::Alarm') continue;
    const name = state.properties(logicalId)['AlarmName'];
    const identity = typeof name === 'string' ? parseAlarmName(name) : undefined;
    if (identity !== undefined && typeof name === 'string') return { name, identity };
  }
  throw new Error('no API Gateway alarm of this project in the template');
}

export async function runSmoke(state: StackState, outdir: string, log: (line: string) => void): Promise<SmokeReport> {
  const { context } = state;
  const lines: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const savedEnv = { ...process.env };
  try {
    const { logicalId: functionId, topicArn } = responder(state);
    const functionName = state.ids.get(functionId) ?? '';
    const deployed = await new LambdaClient(context.clientConfig).send(
      new GetFunctionConfigurationCommand({ FunctionName: functionName }),
    );
    const environment = { ...(deployed.Environment?.Variables ?? {}) };
    const runtimeConfig = JSON.parse(environment[RUNTIME_CONFIG_ENV] ?? '{}') as ResponderRuntimeConfig;

    const fake = await startFakeDestinations({ slackToken: SMOKE_SLACK_TOKEN });
    cleanups.push(() => fake.close());
    const local = withLocalEndpoints(runtimeConfig, fake, log);
    cleanups.push(await createSecrets(standInSecrets(local.destinations, fake), context, log));

    // The deployed environment, the emulator's endpoint and credentials, and the stand-ins' addresses.
    Object.assign(process.env, environment, sandboxEnvironment(context.clientConfig.endpoint), {
      [RUNTIME_CONFIG_ENV]: JSON.stringify(local),
      POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    const assetDir = functionAssetDir(outdir, state.stack.template.Resources[functionId] ?? { Type: '' });
    const bundle = `${assetDir}/index.js`;
    delete require.cache[require.resolve(bundle)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployed bundle is CommonJS
    const handler = (require(bundle) as { handler: LambdaHandler }).handler;
    log(`smoke: running ${bundle} in-process with the deployed function's environment`);

    let subscriptionArn = '';
    const adapter = await startSnsLambdaAdapter({ handler, subscriptionArn: () => subscriptionArn });
    cleanups.push(() => adapter.close());
    const sns = new SNSClient(context.clientConfig);
    const subscribed = await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'http',
        Endpoint: adapter.url,
        ReturnSubscriptionArn: true,
      }),
    );
    subscriptionArn = subscribed.SubscriptionArn ?? '';
    cleanups.push(async () => {
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    });

    const alarm = watchedAlarm(state);
    const cloudwatch = new CloudWatchClient(context.clientConfig);
    for (const [index, stateValue] of (['ALARM', 'OK'] as const).entries()) {
      // CloudWatch's own view agrees with the notification, as it would in AWS.
      await cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: alarm.name,
          StateValue: stateValue,
          StateReason: 'deploy rehearsal smoke',
        }),
      );
      const message = alarmMessage({
        ...alarm.identity,
        state: stateValue,
        time: new Date().toISOString(),
        region: context.region,
        account: context.account,
      });
      await sns.send(
        new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(message), Subject: alarmSubject(message) }),
      );
      await adapter.settled(index + 1, 120_000);
      log(`smoke: ${stateValue} of ${alarm.name} published to ${topicArn} and handled`);
    }

    const failed = adapter.invocations.filter((invocation) => invocation.error !== undefined);
    for (const invocation of failed) lines.push(`smoke: the handler failed: ${String(invocation.error)}`);
    const items = await new DynamoDBClient(context.clientConfig).send(
      new ScanCommand({ TableName: runtimeConfig.tableName, Select: 'COUNT' }),
    );
    const slackPosts = fake.requests().filter((request) => request.service.startsWith('slack')).length;
    // Teams cards go to the generic webhook stand-in (smoke-destinations.ts): an ALARM card and a resolved card.
    const teamsPosts = fake.requests('webhook').filter((request) => request.path.endsWith('/teams')).length;
    const teamsOk = local.destinations.teams === undefined || teamsPosts >= 2;
    lines.push(
      `smoke: ALARM then OK of ${alarm.name}: ${adapter.invocations.length} invocations, ${failed.length} failed; table ${runtimeConfig.tableName}: ${items.Count ?? 0} items; Slack stand-in: ${slackPosts} requests${local.destinations.teams === undefined ? '' : `; Teams cards: ${teamsPosts}`}`,
    );
    return { ok: failed.length === 0 && (items.Count ?? 0) > 0 && slackPosts >= 2 && teamsOk, lines };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}
