import { consoleGraphUrl } from '../../../functions/notify/graph/metric-widget';
import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { slackViolations } from '../../../functions/notify/slack-limits';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { hugeSummary, openSummary, resolvedSummary, updateSummary } from './support/summaries';

const fake = useFakeDestinations();

const notifiers = () =>
  createNotifiers(
    { slack: { mode: 'webhook', webhookSecretId: 'hook' } },
    { secrets: secretsOf({ hook: JSON.stringify({ url: fake().slackWebhookUrl }) }), region: 'eu-west-1' },
  );

describe('Slack incoming-webhook mode against the fake', () => {
  it('posts each ALARM and a short resolved message naming the original on OK', async () => {
    const slack = notifiers();
    const { sleep } = recordingSleep();
    // Act
    const [opened] = await deliverAll(openSummary(), slack, {}, { deadline: later(), sleep });
    const [updated] = await deliverAll(updateSummary(), slack, { slack: opened?.ref }, { deadline: later(), sleep });
    const [resolved] = await deliverAll(
      resolvedSummary(),
      slack,
      { slack: updated?.ref },
      { deadline: later(), sleep },
    );
    // Assert
    expect(opened?.ref).toEqual({
      title: 'ALARM · orders-api/prod · INTEGRATION_TIMEOUT',
      openedAt: '2024-05-01T12:06:00.000Z',
    });
    expect(resolved).toMatchObject({
      status: 'delivered',
      ref: { ...opened?.ref, resolvedAt: '2024-05-01T12:29:00.000Z' },
    });
    const requests = fake().requests('slack-webhook');
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(
      Array(3).fill('POST /slack/webhook/T0000000/B0000000/fakewebhooksecret 200'),
    );
    expect(requests[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(requests[0]?.body).toEqual({
      text: expect.stringContaining('INTEGRATION_TIMEOUT'),
      blocks: expect.any(Array),
    });
    // No upload in webhook mode: the ALARM links to its metrics graph in the CloudWatch console.
    const graphButton = JSON.stringify(fake().slackMessages()[0]?.blocks);
    expect(graphButton).toContain('"text":"Metrics graph"');
    expect(graphButton).toContain(JSON.stringify(consoleGraphUrl(openSummary())));
    expect(fake().slackMessages()[2]?.text).toBe(
      '✅ Resolved after 26 min: alarm OK at 2024-05-01 12:29 UTC. ALARM · orders-api/prod · INTEGRATION_TIMEOUT (opened 2024-05-01 12:06 UTC)',
    );
  });

  it('posts the huge incident in one payload the fake (with Slack limits) accepts', async () => {
    const [result] = await deliverAll(
      hugeSummary(),
      notifiers(),
      {},
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    expect(result?.status).toBe('delivered');
    expect(slackViolations(fake().slackMessages()[0]!)).toEqual([]);
  });

  it('never puts the webhook URL in a failure reason', async () => {
    const slack = createNotifiers(
      { slack: { mode: 'webhook', webhookSecretId: 'hook' } },
      { secrets: secretsOf({ hook: `${fake().url}/nowhere/T1/B2/s3cretpath` }), region: 'eu-west-1' },
    );
    const [result] = await deliverAll(openSummary(), slack, {}, { deadline: later(), sleep: recordingSleep().sleep });
    expect(result).toMatchObject({ status: 'failed', retries: 0 });
    expect(result?.reason).toContain(`POST ${fake().url} -> HTTP 404`);
    expect(result?.reason).not.toContain('s3cretpath');
  });
});
