/**
 * Points a deployed runtime config's destinations at the local stand-ins and stores the secrets
 * it names in the emulator, so the smoke run reaches nothing outside 127.0.0.1. Only endpoints
 * and secret values change; everything else is the deployed function's own configuration.
 */
import { CreateSecretCommand, DeleteSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DestinationsConfig, ResponderRuntimeConfig } from '../../functions/runtime-config';
import type { FakeDestinations } from '../sandbox/fake-destinations';
import type { ResourceContext } from './resources/resource-handler';

export const SMOKE_SLACK_TOKEN = 'xoxb-rehearsal-token';

/**
 * The deployed config with the destinations' endpoints replaced by the stand-ins. OpsItems are
 * left out: the emulator has no CreateOpsItem (an emulator gap; the OpsItem notifier is
 * unit-tested with recorded responses instead).
 */
export function withLocalEndpoints(
  config: ResponderRuntimeConfig,
  fake: FakeDestinations,
  log: (line: string) => void,
): ResponderRuntimeConfig {
  const { opsItem, ...d } = config.destinations;
  if (opsItem?.enabled === true) {
    log('emulator gap: SSM OpsItems are not served by the emulator; the smoke run leaves the opsItem destination out');
  }
  const destinations: DestinationsConfig = {
    ...d,
    ...(d.slack?.mode === 'bot' ? { slack: { ...d.slack, apiBaseUrl: fake.slackApiBaseUrl } } : {}),
    ...(d.jira === undefined ? {} : { jira: { ...d.jira, site: fake.jiraSite } }),
    ...(d.pagerduty === undefined ? {} : { pagerduty: { ...d.pagerduty, eventsUrl: fake.pagerDutyEventsUrl } }),
  };
  return { ...config, destinations };
}

/** Secret id -> the value the stand-in accepts. */
export function standInSecrets(destinations: DestinationsConfig, fake: FakeDestinations): Map<string, string> {
  const secrets = new Map<string, string>();
  if (destinations.slack?.mode === 'webhook') secrets.set(destinations.slack.webhookSecretId, fake.slackWebhookUrl);
  if (destinations.slack?.mode === 'bot') {
    secrets.set(destinations.slack.tokenSecretId, JSON.stringify({ token: SMOKE_SLACK_TOKEN }));
  }
  if (destinations.jira !== undefined) {
    secrets.set(destinations.jira.secretId, JSON.stringify({ email: 'rehearsal@example.com', apiToken: 'rehearsal' }));
  }
  if (destinations.pagerduty !== undefined)
    secrets.set(destinations.pagerduty.routingKeySecretId, 'R0REHEARSALKEY00000000000000000');
  if (destinations.webhook !== undefined) {
    secrets.set(destinations.webhook.secretId, JSON.stringify({ url: fake.webhookUrl, hmacKey: 'rehearsal-hmac' }));
  }
  // Teams cards go to the generic webhook stand-in (it accepts any JSON POST, as a Workflows trigger does).
  if (destinations.teams !== undefined)
    secrets.set(destinations.teams.webhookSecretId, JSON.stringify({ url: `${fake.webhookUrl}/teams` }));
  return secrets;
}

/** Creates the secrets in the emulator; returns a function that deletes them again. */
export async function createSecrets(
  secrets: ReadonlyMap<string, string>,
  context: ResourceContext,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const client = new SecretsManagerClient(context.clientConfig);
  const created: string[] = [];
  for (const [id, value] of secrets) {
    if (id.startsWith('arn:')) {
      // The emulator makes its own ARNs: a secret given by ARN cannot be recreated under it.
      log(
        `smoke: secret ${id} is given by ARN; the emulator cannot create it under that ARN (that destination will fail)`,
      );
      continue;
    }
    await client.send(new CreateSecretCommand({ Name: id, SecretString: value }));
    created.push(id);
  }
  return async () => {
    for (const id of created) {
      await client
        .send(new DeleteSecretCommand({ SecretId: id, ForceDeleteWithoutRecovery: true }))
        .catch(() => undefined);
    }
  };
}
