import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { pagerDutyEvent } from '../../../functions/notify/pagerduty-notifier';
import {
  EXECUTION_LOGGING_OFF,
  explainedSummary,
  hugelyExplained,
  openSummary,
  resolvedSummary,
  updateSummary,
} from './support/summaries';

const fake = useFakeDestinations({ pagerDutyRoutingKey: 'R0UT1NGKEY0000000000000000000000' });
const INCIDENT = 'inc-orders-api-prod-20240501T1203Z';

const notifiers = () =>
  createNotifiers(
    { pagerduty: { routingKeySecretId: 'pd', eventsUrl: fake().pagerDutyEventsUrl } },
    { secrets: secretsOf({ pd: '{"routingKey":"R0UT1NGKEY0000000000000000000000"}' }), region: 'eu-west-1' },
  );

describe('PagerDuty Events API v2 against the fake', () => {
  it('triggers on ALARM and on the second ALARM with the same dedup_key, and resolves on OK', async () => {
    const pd = notifiers();
    const { sleep } = recordingSleep();
    // Act
    const results = [
      await deliverAll(openSummary(), pd, {}, { deadline: later(), sleep }),
      await deliverAll(updateSummary(), pd, { pagerduty: { dedupKey: INCIDENT } }, { deadline: later(), sleep }),
      await deliverAll(resolvedSummary(), pd, { pagerduty: { dedupKey: INCIDENT } }, { deadline: later(), sleep }),
    ].flat();
    // Assert
    expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(results[0]?.ref).toEqual({ dedupKey: INCIDENT });
    const [trigger, second, resolve] = fake().requests('pagerduty');
    expect(trigger).toMatchObject({
      method: 'POST',
      path: '/pagerduty/v2/enqueue',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      status: 202,
    });
    expect(trigger?.body).toEqual({
      routing_key: 'R0UT1NGKEY0000000000000000000000',
      event_action: 'trigger',
      dedup_key: INCIDENT,
      client: 'apigw-responder',
      payload: {
        summary:
          'ALARM · orders-api/prod · INTEGRATION_TIMEOUT: Integration timed out (91% confidence, integration latency at the 29 s limit)',
        source: 'orders-api/prod',
        severity: 'error',
        timestamp: '2024-05-01T12:06:00.000Z',
        component: 'orders-api',
        group: 'prod',
        class: 'INTEGRATION_TIMEOUT',
        custom_details: expect.objectContaining({
          alarm: 'apigw-responder-orders-api-prod-5xx-rate',
          evidence: expect.any(Array),
          remediation: expect.any(Array),
        }),
      },
      links: expect.arrayContaining([{ href: expect.stringMatching(/^https:\/\//), text: 'Alarm' }]),
    });
    expect(second?.body).toMatchObject({ event_action: 'trigger', dedup_key: INCIDENT });
    expect(resolve?.body).toEqual({
      routing_key: 'R0UT1NGKEY0000000000000000000000',
      event_action: 'resolve',
      dedup_key: INCIDENT,
    });
  });

  it('fails a rejected routing key (400) without retrying', async () => {
    const pd = createNotifiers(
      { pagerduty: { routingKeySecretId: 'pd', eventsUrl: fake().pagerDutyEventsUrl } },
      { secrets: secretsOf({ pd: 'wrong-key' }), region: 'eu-west-1' },
    );
    const [result] = await deliverAll(openSummary(), pd, {}, { deadline: later(), sleep: recordingSleep().sleep });
    expect(result).toMatchObject({ status: 'failed', retries: 0, reason: expect.stringContaining('HTTP 400') });
    expect(fake().requests('pagerduty')).toHaveLength(1);
  });

  it('says why this class and not the runner-up in custom_details, beside the evidence', () => {
    const details = (summary: Parameters<typeof pagerDutyEvent>[0]) =>
      (pagerDutyEvent(summary, 'rk')['payload'] as { custom_details: Record<string, unknown> }).custom_details;
    expect(details(explainedSummary())['why']).toEqual({
      summary: 'Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT',
      'Decided by': [
        'timeout.execution-log (execution-log, ×406): Execution failed due to a timeout error',
        'timeout.integration-latency (metrics): IntegrationLatency max 29001 ms = the integration timeout (29000 ms)',
        'timeout.status (access-log, ×412): status 504 with integrationError INTEGRATION_TIMEOUT',
      ],
      'Would change the answer': [
        'LAMBDA_TIMEOUT would lead instead on the function log\'s "Task timed out after N seconds" or a REPORT Duration equal to the function timeout',
        EXECUTION_LOGGING_OFF,
      ],
    });
    expect(details(openSummary())).not.toHaveProperty('why');
    const huge = details(hugelyExplained(openSummary()))['why'] as Record<string, string[]>;
    expect(
      Object.values(huge)
        .flat()
        .every((line) => line.length <= 500),
    ).toBe(true);
  });
});
