import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import type { Notifier } from '../../../functions/types';
import { faults } from '../../../scripts/sandbox/fake-destinations';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { openSummary } from './support/summaries';

const fake = useFakeDestinations({ slackToken: 'xoxb-1-test', jiraAuthorization: 'Bearer jira-ok' });

function all(): Notifier[] {
  return createNotifiers(
    {
      slack: { mode: 'bot', tokenSecretId: 'slack', channel: 'C1', apiBaseUrl: fake().slackApiBaseUrl },
      jira: { site: fake().jiraSite, projectKey: 'OPS', secretId: 'jira', issueType: 'Bug' },
      pagerduty: { routingKeySecretId: 'pd', eventsUrl: fake().pagerDutyEventsUrl },
      webhook: { secretId: 'hook' },
    },
    {
      secrets: secretsOf({
        slack: 'xoxb-1-test',
        jira: '{"bearerToken":"jira-ok"}',
        pd: 'R0UT1NG',
        hook: JSON.stringify({ url: fake().webhookUrl, hmacKey: 'k' }),
      }),
      region: 'eu-west-1',
    },
  );
}

const pagerduty = (): Notifier[] => all().filter((n) => n.name === 'pagerduty');

describe('deliverAll', () => {
  it('retries 500 with exponential backoff and jitter, then delivers', async () => {
    // Arrange
    fake().failNext('pagerduty', faults.serverError(), faults.serverError());
    const { sleep, waits } = recordingSleep();
    // Act
    const [result] = await deliverAll(
      openSummary(),
      pagerduty(),
      {},
      { deadline: later(), sleep, random: () => 1, baseDelayMs: 100 },
    );
    // Assert
    expect(result).toEqual({
      destination: 'pagerduty',
      status: 'delivered',
      retries: 2,
      ref: { dedupKey: 'inc-orders-api-prod-20240501T1203Z' },
    });
    expect(waits).toEqual([100, 200]);
    expect(
      fake()
        .requests('pagerduty')
        .map((r) => r.status),
    ).toEqual([500, 500, 202]);
  });

  it('honours Retry-After on 429', async () => {
    fake().failNext('pagerduty', faults.rateLimited(5));
    const { sleep, waits } = recordingSleep();
    const [result] = await deliverAll(openSummary(), pagerduty(), {}, { deadline: later(), sleep, random: () => 0 });
    expect(result).toMatchObject({ status: 'delivered', retries: 1 });
    expect(waits).toEqual([5000]);
  });

  it('gives up on a Retry-After that ends past the deadline', async () => {
    fake().failNext('pagerduty', faults.rateLimited(60));
    const { sleep, waits } = recordingSleep();
    const [result] = await deliverAll(
      openSummary(),
      pagerduty(),
      {},
      { deadline: Date.now() + 5_000, sleep, random: () => 0 },
    );
    expect(result).toMatchObject({
      status: 'failed',
      retries: 0,
      reason: expect.stringContaining('gave up: deadline reached (next attempt in 60000 ms)'),
    });
    expect(waits).toEqual([]);
  });

  it('abandons a hanging attempt at the attempt timeout and retries', async () => {
    fake().failNext('pagerduty', faults.hang());
    const { sleep } = recordingSleep();
    const started = Date.now();
    const [result] = await deliverAll(
      openSummary(),
      pagerduty(),
      {},
      { deadline: later(), sleep, attemptTimeoutMs: 300 },
    );
    expect(result).toMatchObject({ status: 'delivered', retries: 1 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(
      fake()
        .requests('pagerduty')
        .map((r) => r.status),
    ).toEqual([0, 202]);
  });

  it('never waits past the deadline when every attempt hangs', async () => {
    fake().failNext('pagerduty', faults.hang(), faults.hang(), faults.hang(), faults.hang());
    const started = Date.now();
    const [result] = await deliverAll(
      openSummary(),
      pagerduty(),
      {},
      { deadline: started + 700, sleep: recordingSleep().sleep, attemptTimeoutMs: 5_000 },
    );
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringContaining('timed out') });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('fails 401 at once without pointless retries', async () => {
    fake().failNext('pagerduty', faults.unauthorized());
    const { sleep, waits } = recordingSleep();
    const [result] = await deliverAll(openSummary(), pagerduty(), {}, { deadline: later(), sleep });
    expect(result).toEqual({
      destination: 'pagerduty',
      status: 'failed',
      retries: 0,
      reason: expect.stringContaining('-> HTTP 401'),
    });
    expect(waits).toEqual([]);
    expect(fake().requests('pagerduty')).toHaveLength(1);
  });

  it('stops after maxAttempts', async () => {
    fake().failNext('pagerduty', faults.serverError(), faults.serverError(), faults.serverError());
    const [result] = await deliverAll(
      openSummary(),
      pagerduty(),
      {},
      { deadline: later(), sleep: recordingSleep().sleep, maxAttempts: 3 },
    );
    expect(result).toMatchObject({ status: 'failed', retries: 2, reason: expect.stringContaining('HTTP 500') });
  });

  it('isolates destinations: one failing and one hanging do not stop the others', async () => {
    // Arrange
    fake().failNext('jira', faults.unauthorized());
    fake().failNext('pagerduty', faults.hang(), faults.hang(), faults.hang(), faults.hang());
    // Act
    const results = await deliverAll(
      openSummary(),
      all(),
      {},
      { deadline: Date.now() + 2_000, sleep: recordingSleep().sleep, attemptTimeoutMs: 200 },
    );
    // Assert
    expect(results.map((r) => [r.destination, r.status])).toEqual([
      ['slack', 'delivered'],
      ['jira', 'failed'],
      ['pagerduty', 'failed'],
      ['webhook', 'delivered'],
    ]);
    expect(results[2]).toMatchObject({ retries: 3, reason: expect.stringContaining('timed out') });
  });

  it('delivers only what it is asked to and reports the rest skipped', async () => {
    const results = await deliverAll(
      openSummary(),
      all(),
      {},
      { deadline: later(), only: ['webhook'], sleep: recordingSleep().sleep },
    );
    expect(results.map((r) => `${r.destination}:${r.status}`)).toEqual([
      'slack:skipped',
      'jira:skipped',
      'pagerduty:skipped',
      'webhook:delivered',
    ]);
    expect(
      fake()
        .requests()
        .map((r) => r.service),
    ).toEqual(['webhook']);
  });

  it('never throws, even when a notifier throws synchronously or the secret is missing', async () => {
    const broken: Notifier = {
      name: 'webhook',
      send: () => {
        throw new Error('boom');
      },
    };
    const missing = createNotifiers(
      { pagerduty: { routingKeySecretId: 'absent' } },
      { secrets: secretsOf({}), region: 'eu-west-1' },
    );
    const results = await deliverAll(
      openSummary(),
      [broken, ...missing],
      {},
      { deadline: later(), sleep: recordingSleep().sleep, maxAttempts: 2 },
    );
    expect(results).toEqual([
      { destination: 'webhook', status: 'failed', retries: 1, reason: 'Error: boom' },
      { destination: 'pagerduty', status: 'failed', retries: 1, reason: 'Error: ResourceNotFoundException: absent' },
    ]);
  });
});
