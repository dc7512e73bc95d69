import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { slackViolations } from '../../../functions/notify/slack-limits';
import { faults } from '../../../scripts/sandbox/fake-destinations';
import type { SendContext } from '../../../functions/types';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { openSummary, resolvedSummary, updateSummary } from './support/summaries';

const fake = useFakeDestinations({ slackToken: 'xoxb-1-test' });

function notifiers() {
  return createNotifiers(
    { slack: { mode: 'bot', tokenSecretId: 'slack-bot', channel: 'C0INCIDENTS', apiBaseUrl: fake().slackApiBaseUrl } },
    { secrets: secretsOf({ 'slack-bot': '{"token":"xoxb-1-test"}' }), region: 'eu-west-1' },
  );
}

describe('Slack bot mode against the fake Web API', () => {
  it('opens a thread on ALARM, replies on the second ALARM and resolves on OK', async () => {
    // Arrange
    const slack = notifiers();
    const { sleep } = recordingSleep();
    // Act 1: first ALARM
    const [opened] = await deliverAll(openSummary(), slack, {}, { deadline: later(), sleep });
    // Assert 1
    const parentTs = fake().slackMessages()[0]?.ts ?? '';
    expect(opened).toEqual({
      destination: 'slack',
      status: 'delivered',
      retries: 0,
      ref: {
        channel: 'C0INCIDENTS',
        ts: parentTs,
        title: 'ALARM · orders-api/prod · INTEGRATION_TIMEOUT',
        rootCause: 'INTEGRATION_TIMEOUT',
        openedAt: '2024-05-01T12:06:00.000Z',
      },
    });
    const [post] = fake().requests('slack-api');
    expect(post).toMatchObject({
      method: 'POST',
      path: '/slack/api/chat.postMessage',
      headers: { authorization: 'Bearer xoxb-1-test', 'content-type': 'application/json; charset=utf-8' },
      body: {
        channel: 'C0INCIDENTS',
        text: expect.stringContaining('INTEGRATION_TIMEOUT'),
        blocks: expect.any(Array),
        unfurl_links: false,
        unfurl_media: false,
      },
    });
    expect(post?.body).not.toHaveProperty('thread_ts');
    // The parent is the short one; the full detail is the first thread reply.
    expect(JSON.stringify(post?.body)).toContain('Full detail in the thread');
    expect(fake().requests('slack-api')[1]).toMatchObject({
      path: '/slack/api/chat.postMessage',
      body: { channel: 'C0INCIDENTS', thread_ts: parentTs, text: expect.stringContaining('INTEGRATION_TIMEOUT') },
    });
    expect(JSON.stringify(fake().requests('slack-api')[1]?.body)).toContain('*Log templates*');

    // Act 2: a second ALARM of the same incident
    const [updated] = await deliverAll(updateSummary(), slack, { slack: opened?.ref }, { deadline: later(), sleep });
    // Assert 2
    expect(updated).toMatchObject({ status: 'delivered', retries: 0, ref: opened?.ref });
    expect(fake().requests('slack-api')[2]).toMatchObject({
      path: '/slack/api/chat.postMessage',
      body: { channel: 'C0INCIDENTS', thread_ts: parentTs, blocks: expect.any(Array) },
    });

    // Act 3: OK
    const [resolved] = await deliverAll(resolvedSummary(), slack, { slack: opened?.ref }, { deadline: later(), sleep });
    // Assert 3
    expect(resolved).toMatchObject({
      status: 'delivered',
      retries: 0,
      ref: { ...opened?.ref, resolvedAt: '2024-05-01T12:29:00.000Z' },
    });
    const calls = fake()
      .requests('slack-api')
      .map((r) => `${r.path} ${JSON.stringify((r.body as { thread_ts?: string }).thread_ts ?? null)}`);
    expect(calls).toEqual([
      '/slack/api/chat.postMessage null',
      `/slack/api/chat.postMessage "${parentTs}"`,
      `/slack/api/chat.postMessage "${parentTs}"`,
      `/slack/api/chat.postMessage "${parentTs}"`,
      '/slack/api/chat.update null',
    ]);
    expect(fake().requests('slack-api')[4]?.body).toMatchObject({ channel: 'C0INCIDENTS', ts: parentTs });
    const [parent, detail, reply1, reply2] = fake().slackMessages();
    expect(detail?.thread_ts).toBe(parentTs);
    expect(parent).toMatchObject({
      ts: parentTs,
      edits: 1,
      text: expect.stringMatching(/^RESOLVED · orders-api\/prod · INTEGRATION_TIMEOUT/),
    });
    expect(reply1?.thread_ts).toBe(parentTs);
    expect(reply2).toMatchObject({ thread_ts: parentTs, text: expect.stringContaining('Resolved after 26 min') });
    for (const message of fake().slackMessages()) expect(slackViolations(message)).toEqual([]);
  });

  it('honours 429 Retry-After and then delivers', async () => {
    // Arrange
    fake().failNext('slack-api', faults.rateLimited(3));
    const { sleep, waits } = recordingSleep();
    // Act
    const [result] = await deliverAll(openSummary(), notifiers(), {}, { deadline: later(), sleep });
    // Assert
    expect(result).toMatchObject({ status: 'delivered', retries: 1 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(3000);
    expect(
      fake()
        .requests('slack-api')
        .map((r) => r.status),
    ).toEqual([429, 200, 200]);
  });

  it('retries {"ok":false,"error":"ratelimited"} answered with HTTP 200', async () => {
    fake().failNext('slack-api', faults.slackError('ratelimited', 1));
    const { sleep, waits } = recordingSleep();
    const [result] = await deliverAll(openSummary(), notifiers(), {}, { deadline: later(), sleep });
    expect(result).toMatchObject({ status: 'delivered', retries: 1 });
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
  });

  it('fails on invalid_auth without pointless retries', async () => {
    // Arrange: the workspace token was revoked
    const slack = createNotifiers(
      {
        slack: { mode: 'bot', tokenSecretId: 'slack-bot', channel: 'C0INCIDENTS', apiBaseUrl: fake().slackApiBaseUrl },
      },
      { secrets: secretsOf({ 'slack-bot': 'xoxb-revoked' }), region: 'eu-west-1' },
    );
    // Act
    const [result] = await deliverAll(openSummary(), slack, {}, { deadline: later(), sleep: recordingSleep().sleep });
    // Assert
    expect(result).toEqual({
      destination: 'slack',
      status: 'failed',
      retries: 0,
      reason: 'slack chat.postMessage: invalid_auth',
    });
    expect(fake().requests('slack-api')).toHaveLength(1);
  });

  it('does not post the resolved reply twice when chat.update is retried', async () => {
    // Arrange
    const slack = notifiers();
    const [opened] = await deliverAll(openSummary(), slack, {}, { deadline: later(), sleep: recordingSleep().sleep });
    const before = fake().requests('slack-api').length;
    fake().failNext('slack-api', { kind: 'delay', ms: 0 }, faults.serverError());
    // Act: the reply succeeds, the update fails once with 500 and is retried; the steps done are
    // kept outside the notifier (the responder keeps them in the event record)
    const done: string[] = [];
    const context = (): SendContext => ({
      eventKey: 'k'.repeat(40),
      outcome: 'resolved',
      done: [...done],
      resumed: false,
      step: (name) => {
        done.push(name);
        return Promise.resolve();
      },
    });
    const [resolved] = await deliverAll(
      resolvedSummary(),
      slack,
      { slack: opened?.ref },
      { deadline: later(), sleep: recordingSleep().sleep, context },
    );
    // Assert
    expect(resolved).toMatchObject({ status: 'delivered', retries: 1 });
    expect(
      fake()
        .requests('slack-api')
        .slice(before)
        .map((r) => `${r.path} ${r.status}`),
    ).toEqual(['/slack/api/chat.postMessage 200', '/slack/api/chat.update 500', '/slack/api/chat.update 200']);
  });
});

describe('per-team routing in bot mode', () => {
  it('posts two APIs to two channels and keeps each thread in its channel', async () => {
    const slack = createNotifiers(
      {
        slack: { mode: 'bot', tokenSecretId: 'slack-bot', channel: 'C0INCIDENTS', apiBaseUrl: fake().slackApiBaseUrl },
      },
      { secrets: secretsOf({ 'slack-bot': '{"token":"xoxb-1-test"}' }), region: 'eu-west-1' },
      [
        { kind: 'REST', api: 'orders-api', slackChannel: 'C0TEAMORDERS' },
        { kind: 'HTTP', api: 'a1b2c3d4e5', stage: 'prod', slackChannel: '#team-payments' },
      ],
    );
    const { sleep } = recordingSleep();
    const orders = openSummary();
    const payments = {
      ...openSummary(),
      incidentId: 'inc-pay',
      api: { kind: 'HTTP' as const, id: 'a1b2c3d4e5', stage: 'prod' },
    };
    const other = { ...openSummary(), incidentId: 'inc-other', api: { ...orders.api, name: 'catalog-api' } };
    const [a] = await deliverAll(orders, slack, {}, { deadline: later(), sleep });
    const [b] = await deliverAll(payments, slack, {}, { deadline: later(), sleep });
    const [c] = await deliverAll(other, slack, {}, { deadline: later(), sleep });
    expect([a?.ref?.['channel'], b?.ref?.['channel'], c?.ref?.['channel']]).toEqual([
      'C0TEAMORDERS',
      '#team-payments',
      'C0INCIDENTS',
    ]);
    const channels = fake()
      .slackMessages()
      .map((m) => `${m.channel} ${m.thread_ts === undefined ? 'parent' : 'reply'}`);
    expect(channels).toEqual([
      'C0TEAMORDERS parent',
      'C0TEAMORDERS reply',
      '#team-payments parent',
      '#team-payments reply',
      'C0INCIDENTS parent',
      'C0INCIDENTS reply',
    ]);
  });
});
