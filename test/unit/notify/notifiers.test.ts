import { createNotifiers } from '../../../functions/notify/notifiers';
import { secretsOf } from './support/recording-sleep';

const loaded = (file: string): boolean =>
  Object.keys(require.cache).some((path) => path.endsWith(`functions/notify/${file}.ts`));

describe('createNotifiers', () => {
  it('creates one notifier per configured destination, in a stable order', () => {
    const notifiers = createNotifiers(
      {
        webhook: { secretId: 'w' },
        pagerduty: { routingKeySecretId: 'p' },
        opsItem: { enabled: true },
        jira: { site: 'https://x.atlassian.net', projectKey: 'OPS', secretId: 'j', issueType: 'Bug' },
        slack: { mode: 'webhook', webhookSecretId: 's' },
      },
      { secrets: secretsOf({}), region: 'eu-west-1' },
    );
    expect(notifiers.map((n) => n.name)).toEqual(['slack', 'jira', 'opsitem', 'pagerduty', 'webhook']);
  });

  it('skips a disabled OpsItem destination', () => {
    expect(createNotifiers({ opsItem: { enabled: false } }, { secrets: secretsOf({}), region: 'eu-west-1' })).toEqual(
      [],
    );
  });

  it('loads a destination module only on its first send (Jira code stays unloaded when Jira is off)', async () => {
    // Arrange
    const [slack] = createNotifiers(
      { slack: { mode: 'webhook', webhookSecretId: 's' } },
      { secrets: secretsOf({}), region: 'eu-west-1' },
    );
    expect(loaded('slack-webhook-notifier')).toBe(false);
    // Act: the send fails (no secret) but has loaded the module
    await expect(slack?.send({} as never, undefined, new AbortController().signal)).rejects.toThrow(
      'ResourceNotFoundException: s',
    );
    // Assert
    expect(loaded('slack-webhook-notifier')).toBe(true);
    expect(loaded('jira-notifier')).toBe(false);
    expect(loaded('opsitem-notifier')).toBe(false);
  });
});
