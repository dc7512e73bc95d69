/** Per-team routes: validated at synth, every problem naming its field; good routes reach the runtime config. */
import type { ApiGatewayResponderConfig } from '../../lib';
import { validateConfig } from '../../lib';
import { ConfigError } from '../../lib/config/config-error';
import { buildRuntimeConfig } from '../../lib/responder/runtime-config';

const untyped = (value: unknown): ApiGatewayResponderConfig => value as ApiGatewayResponderConfig;
/** The deployment's own account and region (the trust boundary's defaults). */
const OWN = { account: '123456789012', region: 'eu-west-1' };

const destinations = {
  slack: { mode: 'bot', botTokenSecret: 'apigw-responder/slack', channel: '#incidents' },
  jira: { site: 'https://acme.atlassian.net', projectKey: 'OPS', secret: 'apigw-responder/jira' },
  pagerduty: { routingKeySecret: 'apigw-responder/pagerduty' },
} as const;

function problemsOf(config: unknown): readonly string[] {
  try {
    validateConfig(untyped(config));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('per-team routing', () => {
  it('routes two APIs to two channels, a stage to its own project, and grants the routed secrets', () => {
    const resolved = validateConfig(
      untyped({
        apis: [
          { kind: 'REST', name: 'orders-api', stages: ['prod'], routes: { slackChannel: '#team-orders' } },
          {
            kind: 'HTTP',
            id: 'a1b2c3d4e5',
            routes: { slackChannel: 'C0PAYMENTS1', pagerdutyRoutingKeySecret: 'payments/pagerduty' },
            stages: ['$default', { name: 'beta', routes: { jiraProject: 'PAYBETA' } }],
          },
        ],
        destinations,
      }),
    );
    expect(resolved.routes).toEqual([
      { kind: 'REST', api: 'orders-api', slackChannel: '#team-orders' },
      {
        kind: 'HTTP',
        api: 'a1b2c3d4e5',
        slackChannel: 'C0PAYMENTS1',
        pagerdutyRoutingKeySecretId: 'payments/pagerduty',
      },
      { kind: 'HTTP', api: 'a1b2c3d4e5', stage: 'beta', jiraProjectKey: 'PAYBETA' },
    ]);
    expect(resolved.secretUses.map((use) => use.secret)).toContain('payments/pagerduty');
    expect(buildRuntimeConfig(resolved, 'table', OWN).routes).toEqual(resolved.routes);
  });

  it("routes an API's Teams card to its team's workflow, and refuses a Teams route without Teams", () => {
    const apis = [
      { kind: 'REST', name: 'orders-api', stages: ['prod'], routes: { teamsWebhookSecret: 'orders/teams' } },
    ];
    const resolved = validateConfig(
      untyped({ apis, destinations: { ...destinations, teams: { webhookSecret: 'apigw-responder/teams' } } }),
    );
    expect(resolved.routes).toEqual([{ kind: 'REST', api: 'orders-api', teamsWebhookSecretId: 'orders/teams' }]);
    expect(resolved.secretUses.map((use) => use.secret)).toEqual(
      expect.arrayContaining(['apigw-responder/teams', 'orders/teams']),
    );
    expect(buildRuntimeConfig(resolved, 'table', OWN).destinations.teams).toEqual({
      webhookSecretId: 'apigw-responder/teams',
    });
    expect(problemsOf({ apis, destinations })).toEqual([
      expect.stringMatching(/^apis\[0\]\.routes\.teamsWebhookSecret: overrides teams, which is not configured/),
    ]);
  });

  it('keeps the runtime config unchanged when no API routes', () => {
    const resolved = validateConfig(
      untyped({ apis: [{ kind: 'REST', name: 'orders-api', stages: ['prod'] }], destinations }),
    );
    expect(resolved.routes).toEqual([]);
    expect(buildRuntimeConfig(resolved, 'table', OWN)).not.toHaveProperty('routes');
  });

  it('names each bad field and how to fix it', () => {
    const problems = problemsOf({
      apis: [
        {
          kind: 'REST',
          name: 'orders-api',
          routes: { slackChannel: 'not a channel', jiraProject: 'lower', webhookSecret: 'team/webhook', colour: 'red' },
          stages: [{ name: 'prod', routes: { pagerdutyRoutingKeySecret: 'https://events.pagerduty.com/x' } }],
        },
      ],
      destinations,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^apis\[0\]\.routes\.colour: unknown setting/),
        expect.stringMatching(/^apis\[0\]\.routes\.slackChannel: "not a channel" is not valid\. Use a channel id/),
        expect.stringMatching(/^apis\[0\]\.routes\.jiraProject: "lower" is not valid\. Use a Jira project key/),
        expect.stringMatching(/^apis\[0\]\.routes\.webhookSecret: overrides webhook, which is not configured/),
        expect.stringMatching(
          /^apis\[0\]\.stages\[0\]\.routes\.pagerdutyRoutingKeySecret: looks like the secret value itself/,
        ),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('refuses a channel route when Slack posts through a webhook', () => {
    const problems = problemsOf({
      apis: [{ kind: 'REST', name: 'orders-api', stages: ['prod'], routes: { slackChannel: '#team-orders' } }],
      destinations: { slack: { mode: 'webhook', webhookSecret: 'apigw-responder/slack-webhook' } },
    });
    expect(problems).toEqual([expect.stringMatching(/^apis\[0\]\.routes\.slackChannel: Slack is in webhook mode/)]);
  });

  it('refuses routes that are not an object', () => {
    expect(
      problemsOf({ apis: [{ kind: 'REST', name: 'orders-api', stages: ['prod'], routes: '#x' }], destinations }),
    ).toEqual([expect.stringMatching(/^apis\[0\]\.routes: "#x" is not an object/)]);
  });
});
