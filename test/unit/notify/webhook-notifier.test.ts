import { consoleGraphUrl } from '../../../functions/notify/graph/metric-widget';
import { createHmac } from 'node:crypto';
import { deliverAll } from '../../../functions/notify/deliver';
import { createWebhookNotifier, signWebhook } from '../../../functions/notify/webhook-notifier';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { openSummary, resolvedSummary, updateSummary } from './support/summaries';

const fake = useFakeDestinations();
const NOW = Date.parse('2024-05-01T12:06:05.000Z');

describe('generic webhook against the fake', () => {
  it('posts the summary JSON signed with HMAC-SHA256 for ALARM, the second ALARM and OK', async () => {
    // Arrange
    const webhook = createWebhookNotifier(
      { secretId: 'hook' },
      {
        secrets: secretsOf({ hook: JSON.stringify({ url: fake().webhookUrl, hmacKey: 'k3y' }) }),
        region: 'eu-west-1',
        now: () => NOW,
      },
    );
    const { sleep } = recordingSleep();
    // Act
    for (const summary of [openSummary(), updateSummary(), resolvedSummary()]) {
      await deliverAll(summary, [webhook], {}, { deadline: later(), sleep });
    }
    // Assert
    const requests = fake().requests('webhook');
    expect(requests.map((r) => (r.body as { event: string }).event)).toEqual([
      'incident.open',
      'incident.update',
      'incident.resolved',
    ]);
    for (const request of requests) {
      const expected = `sha256=${createHmac('sha256', 'k3y').update(`1714565165.${request.rawBody}`).digest('hex')}`;
      expect(request).toMatchObject({
        method: 'POST',
        path: '/webhook/incidents',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-apigw-responder-timestamp': '1714565165',
          'x-apigw-responder-signature': expected,
        },
      });
    }
    expect(requests[0]?.body).toEqual({
      event: 'incident.open',
      graphUrl: consoleGraphUrl(openSummary()),
      summary: openSummary(),
    });
    expect(consoleGraphUrl(openSummary())).toMatch(
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#metricsV2\?graph=%7B/,
    );
    expect(signWebhook('{}', 'k3y', 1)).toBe(`sha256=${createHmac('sha256', 'k3y').update('1.{}').digest('hex')}`);
  });

  it('fails with a clear reason when the secret lacks the key', async () => {
    const webhook = createWebhookNotifier(
      { secretId: 'hook' },
      { secrets: secretsOf({ hook: '{"url":"http://127.0.0.1:1/x"}' }), region: 'eu-west-1' },
    );
    const [result] = await deliverAll(
      openSummary(),
      [webhook],
      {},
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    expect(result).toEqual({
      destination: 'webhook',
      status: 'failed',
      retries: 0,
      reason: 'secret hook needs {"url","hmacKey"}',
    });
  });
});
