/** Invalid configurations fail before any construct exists, naming the field and the fix. */
import { PROBE_NAMES } from '../../functions/types';
import { config as exampleConfig } from '../../apigw-responder.config';
import { validateAppConfig } from '../../lib/app/validate-app-config';
import type { ApiGatewayResponderConfig, AppConfig } from '../../lib';
import { DEFAULT_THRESHOLDS, validateConfig } from '../../lib';
import { mergeThresholds } from '../../lib/config/thresholds';

const rest = { kind: 'REST', name: 'orders-api', stages: ['prod'] } as const;
const http = { kind: 'HTTP', id: 'a1b2c3d4e5', stages: ['$default'] } as const;

/** The config file runs without type checking (tsx), so tests feed it untyped values too. */
const untyped = (value: unknown): ApiGatewayResponderConfig => value as ApiGatewayResponderConfig;

describe('validateConfig', () => {
  it('resolves defaults and merges overrides global -> API -> stage', () => {
    const resolved = validateConfig({
      apis: [
        {
          ...rest,
          thresholds: { latencyP99: { maxMs: 3000 } },
          stages: [{ name: 'prod', thresholds: { latencyP99: { datapointsToAlarm: 3 } } }, 'dev'],
        },
      ],
      thresholds: { latencyP99: { maxMs: 4000, evaluationPeriods: 5 }, serverErrorCount: { minErrors: 3 } },
    });
    expect(resolved).toEqual({
      apis: [
        {
          kind: 'REST',
          name: 'orders-api',
          stages: [
            {
              name: 'prod',
              thresholds: {
                ...DEFAULT_THRESHOLDS,
                serverErrorCount: { ...DEFAULT_THRESHOLDS.serverErrorCount, minErrors: 3 },
                latencyP99: {
                  ...DEFAULT_THRESHOLDS.latencyP99,
                  maxMs: 3000,
                  evaluationPeriods: 5,
                  datapointsToAlarm: 3,
                },
              },
            },
            {
              name: 'dev',
              thresholds: {
                ...DEFAULT_THRESHOLDS,
                serverErrorCount: { ...DEFAULT_THRESHOLDS.serverErrorCount, minErrors: 3 },
                latencyP99: { ...DEFAULT_THRESHOLDS.latencyP99, maxMs: 3000, evaluationPeriods: 5 },
              },
            },
          ],
          backendFunctions: [],
          accessLogGroups: [],
          quoteBodies: false,
          discovery: 'listed',
        },
      ],
      destinations: {},
      routes: [],
      secretUses: [],
      operatorEmails: [],
      groupingWindowMinutes: 30,
      maintenanceWindows: [],
      probes: [...PROBE_NAMES],
      activeHealthCheck: false,
      eventBridgeTrigger: false,
      runbookUrl: 'https://repost.aws/knowledge-center/api-gateway-5xx-error',
      responder: { logRetentionDays: 30, reservedConcurrency: 5, notifyReserveMs: 15000 },
      redaction: { clientIps: 'mask' },
      trust: { trustedAccounts: [], regions: [], allowedAlarms: [], maxEventAgeHours: 338, maxClockSkewMinutes: 5 },
      crossAccountRoles: [],
    });
  });

  it('detects a burst within about 3 minutes by default: 1-minute periods, 2 of 3', () => {
    for (const threshold of Object.values(mergeThresholds())) {
      expect({
        period: threshold.periodSeconds,
        evaluation: threshold.evaluationPeriods,
        datapoints: threshold.datapointsToAlarm,
      }).toEqual({
        period: 60,
        evaluation: 3,
        datapoints: 2,
      });
    }
    expect(DEFAULT_THRESHOLDS.clientErrorRate.enabled).toBe(false);
  });

  it.each<[string, unknown, string]>([
    ['no APIs', { apis: [] }, 'apis: no APIs listed. List at least one API'],
    [
      'an unknown API kind',
      { apis: [{ ...rest, kind: 'WEBSOCKET' }] },
      'apis[0].kind: unknown API kind "WEBSOCKET". Use "REST" (API Gateway v1, watched by name) or "HTTP"',
    ],
    [
      'a REST API without a name',
      { apis: [{ kind: 'REST', stages: ['prod'] }] },
      'apis[0].name: missing. Use the REST API name exactly as in API Gateway',
    ],
    [
      'an HTTP API without an id',
      { apis: [{ kind: 'HTTP', stages: ['prod'] }] },
      'apis[0].id: missing. Use the 10-character API id',
    ],
    [
      'a malformed id',
      { apis: [{ ...http, id: 'ABC' }] },
      'apis[0].id: "ABC" is not valid. Use the 10-character API id',
    ],
    ['a name with the alarm-name separator', { apis: [{ ...rest, name: 'a|b' }] }, 'apis[0].name: "a|b" is not valid'],
    [
      'a duplicate API',
      { apis: [rest, { ...rest, stages: ['dev'] }] },
      'apis[1]: duplicates apis[0] (REST name "orders-api"). List each API once',
    ],
    ['a duplicate HTTP API', { apis: [http, http] }, 'apis[1]: duplicates apis[0] (HTTP id a1b2c3d4e5)'],
    [
      'a duplicate stage',
      { apis: [{ ...rest, stages: ['prod', { name: 'prod' }] }] },
      'apis[0].stages[1]: stage "prod" is listed twice',
    ],
    ['no stages', { apis: [{ ...rest, stages: [] }] }, 'apis[0].stages: no stages listed. List at least one stage'],
    [
      '$default on a REST API',
      { apis: [{ ...rest, stages: ['$default'] }] },
      'apis[0].stages[0]: "$default" is not valid. Use a stage name (letters, digits, - and _)',
    ],
    [
      'a percentage above 100',
      { apis: [rest], thresholds: { serverErrorRate: { maxPercent: 150 } } },
      'thresholds.serverErrorRate.maxPercent: 150 is out of range. Use a number above 0 and at most 100.',
    ],
    [
      'a zero percentage on a stage',
      { apis: [{ ...rest, stages: [{ name: 'prod', thresholds: { clientErrorRate: { maxPercent: 0 } } }] }] },
      'apis[0].stages[0].thresholds.clientErrorRate.maxPercent: 0 is out of range',
    ],
    [
      'a negative latency on an API',
      { apis: [{ ...rest, thresholds: { latencyP99: { maxMs: -1 } } }] },
      'apis[0].thresholds.latencyP99.maxMs: -1 is out of range. Use a whole number from 1 to 300000.',
    ],
    [
      'a period that is not whole minutes',
      { apis: [rest], thresholds: { latencyP99: { periodSeconds: 90 } } },
      'thresholds.latencyP99.periodSeconds: 90 is not a whole number of minutes. Use a multiple of 60',
    ],
    [
      'more datapoints than periods',
      { apis: [rest], thresholds: { serverErrorCount: { datapointsToAlarm: 4 } } },
      'apis[0].stages[0].thresholds.serverErrorCount.datapointsToAlarm: 4 exceeds evaluationPeriods (3). Set datapointsToAlarm to at most evaluationPeriods.',
    ],
    [
      'an evaluation range over a day',
      {
        apis: [rest],
        thresholds: { serverErrorCount: { periodSeconds: 3600, evaluationPeriods: 25, datapointsToAlarm: 1 } },
      },
      'thresholds.serverErrorCount.evaluationPeriods: 25 periods of 3600 s exceed one day',
    ],
    [
      'a misspelt signal',
      { apis: [rest], thresholds: { serverErrorRte: { maxPercent: 1 } } },
      'thresholds.serverErrorRte: unknown setting. Remove it or use one of: serverErrorCount, serverErrorRate',
    ],
    [
      'a trusted account that is not an account id',
      { apis: [rest], trustedAccounts: ['12345'] },
      'trustedAccounts[0]: "12345" is not valid. Use 12-digit AWS account ids.',
    ],
    [
      'a region that is not a region code',
      { apis: [rest], regions: ['Ireland'] },
      'regions[0]: "Ireland" is not valid. Use region codes, e.g. eu-west-1.',
    ],
    [
      'an event window of more than 30 days',
      { apis: [rest], eventWindow: { maxAgeHours: 1000 } },
      'eventWindow.maxAgeHours: 1000 is out of range. Use a whole number from 1 to 720.',
    ],
    [
      'a misspelt threshold field',
      { apis: [rest], thresholds: { serverErrorRate: { maxPercentage: 1 } } },
      'thresholds.serverErrorRate.maxPercentage: unknown setting',
    ],
    [
      'Slack on without its secret',
      { apis: [rest], destinations: { slack: { mode: 'webhook' } } },
      'destinations.slack.webhookSecret: missing for an enabled destination. Store the Slack incoming-webhook URL in AWS Secrets Manager',
    ],
    [
      'a Slack bot without a channel',
      { apis: [rest], destinations: { slack: { mode: 'bot', botTokenSecret: 'slack-bot' } } },
      'destinations.slack.channel: missing. Use a channel id (C0123456789) or #name.',
    ],
    [
      'an unknown Slack mode',
      { apis: [rest], destinations: { slack: { mode: 'app', webhookSecret: 'x' } } },
      'destinations.slack.mode: "app" is not a Slack mode',
    ],
    [
      'Jira on without its secret',
      { apis: [rest], destinations: { jira: { site: 'https://acme.atlassian.net', projectKey: 'OPS' } } },
      'destinations.jira.secret: missing for an enabled destination',
    ],
    [
      'a Jira site over http',
      {
        apis: [rest],
        destinations: { jira: { site: 'http://acme.atlassian.net', projectKey: 'OPS', secret: 'jira' } },
      },
      'destinations.jira.site: "http://acme.atlassian.net" is not valid. Use the site URL',
    ],
    [
      'PagerDuty on without its secret',
      { apis: [rest], destinations: { pagerduty: { enabled: true } } },
      'destinations.pagerduty.routingKeySecret: missing for an enabled destination',
    ],
    [
      'a webhook on without its secret',
      { apis: [rest], destinations: { webhook: {} } },
      'destinations.webhook.secret: missing for an enabled destination',
    ],
    [
      'a secret value instead of a secret name',
      {
        apis: [rest],
        destinations: { slack: { mode: 'webhook', webhookSecret: 'https://hooks.slack.com/services/T0/B0/XYZ' } },
      },
      'destinations.slack.webhookSecret: looks like the secret value itself, not a secret name',
    ],
    [
      'a plain http:// webhook URL instead of a secret name',
      { apis: [rest], destinations: { webhook: { secret: 'http://hooks.example.com/incidents?key=abc' } } },
      'destinations.webhook.secret: is a plain http:// URL: destinations must be https://, and the URL belongs in a secret',
    ],
    [
      'an unknown client IP policy',
      { apis: [rest], redaction: { clientIps: 'hash' } },
      "redaction.clientIps: \"hash\" is not a client IP policy. Use one of: 'mask', 'keep'.",
    ],
    ['a quoteBodies that is not a boolean', { apis: [{ ...rest, quoteBodies: 'yes' }] }, 'apis[0].quoteBodies'],
    [
      'an OpsItem severity out of range',
      { apis: [rest], destinations: { opsItem: { enabled: true, severity: '5' } } },
      'destinations.opsItem.severity: "5" is not valid. Use a severity from "1" to "4".',
    ],
    [
      'an unknown probe',
      { apis: [rest], probes: ['metrics', 'psychic'] },
      'probes[1]: unknown probe "psychic". Use probe names from: metrics',
    ],
    [
      'an invalid operator e-mail',
      { apis: [rest], operatorEmails: ['oncall'] },
      'operatorEmails[0]: "oncall" is not valid. Use e-mail addresses.',
    ],
    [
      'a grouping window of zero',
      { apis: [rest], groupingWindowMinutes: 0 },
      'groupingWindowMinutes: 0 is out of range. Use a whole number from 1 to 1440.',
    ],
    [
      'a retention CloudWatch does not offer',
      { apis: [rest], responder: { logRetentionDays: 10 } },
      'responder.logRetentionDays: 10 is not a CloudWatch Logs retention',
    ],
    [
      'a zero reserved concurrency',
      { apis: [rest], responder: { reservedConcurrency: 0 } },
      "responder.reservedConcurrency: 0 is out of range. Use a whole number from 1 to 1000, or 'none' for no reservation",
    ],
    [
      'a reserved concurrency spelled neither as a number nor as none',
      { apis: [rest], responder: { reservedConcurrency: 'off' } },
      'responder.reservedConcurrency: "off" is not valid. Use a whole number from 1 to 1000, or \'none\'',
    ],
    [
      'an http runbook',
      { apis: [rest], runbookUrl: 'http://wiki/runbook' },
      'runbookUrl: "http://wiki/runbook" is not valid. Use an https:// URL.',
    ],
    ['an unknown top-level setting', { apis: [rest], thresholdz: {} }, 'config.thresholdz: unknown setting'],
  ])('rejects %s', (_case, config, message) => {
    expect(() => validateConfig(untyped(config))).toThrow(message);
  });

  it('does not echo a secret value it refuses', () => {
    const secret = 'xoxb-1234-5678-abcdef';
    expect(() =>
      validateConfig({
        apis: [rest],
        destinations: { slack: { mode: 'bot', botTokenSecret: secret, channel: '#ops' } },
      }),
    ).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }));
  });

  it('reports every problem at once', () => {
    expect(() => validateConfig(untyped({ apis: [{ kind: 'SOAP' }], groupingWindowMinutes: -1 }))).toThrow(
      'Invalid apigw-responder configuration:\n  - apis[0].kind: unknown API kind "SOAP". Use "REST" (API Gateway v1, watched by name) or "HTTP" (API Gateway v2 HTTP API, watched by id); WebSocket APIs are not supported.\n  - groupingWindowMinutes: -1 is out of range. Use a whole number from 1 to 1440.',
    );
  });

  it('skips a disabled destination without asking for its secret', () => {
    expect(
      validateConfig(
        untyped({ apis: [rest], destinations: { jira: { enabled: false }, opsItem: { enabled: false } } }),
      ),
    ).toMatchObject({
      destinations: {},
      secretUses: [],
    });
  });
});

describe('the example config', () => {
  it('is valid', () => {
    expect(validateAppConfig(exampleConfig)).toEqual({ stackName: 'ApiGatewayResponder' });
  });

  it.each<[string, AppConfig, string]>([
    ['a bad stack name', { ...exampleConfig, stackName: '1st' }, 'stackName: "1st" is not valid'],
    [
      'a bad account',
      { ...exampleConfig, env: { account: '12' } },
      'env.account: "12" is not valid. Use a 12-digit account id.',
    ],
    [
      'a broken API',
      { ...exampleConfig, apis: [{ ...rest, kind: 'GRAPHQL' as 'REST' }] },
      'apis[0].kind: unknown API kind "GRAPHQL"',
    ],
  ])('fails synth on %s, naming the field', (_case, config, message) => {
    expect(() => validateAppConfig(config)).toThrow(message);
  });
});
