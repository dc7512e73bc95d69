/**
 * The Acknowledge button's Jira comment goes out exactly as the notifier's comments do (one shared
 * request setup: site, credentials, headers), against the fake Jira Cloud, and a refusal is
 * reported with Jira's status.
 */
import type { IncidentRecord } from '../../../functions/incidents/records';
import { acknowledgeElsewhere } from '../../../functions/interactions/outside-world';
import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import type { JiraDestinationConfig } from '../../../functions/runtime-config';
import { faults } from '../../../scripts/sandbox/fake-destinations';
import type { RecordedRequest } from '../../../scripts/sandbox/fake-destinations';
import { RUNTIME_CONFIG } from '../../support/runtime-config';
import { later, useFakeDestinations } from '../notify/support/fake';
import { recordingSleep, secretsOf } from '../notify/support/recording-sleep';
import { openSummary, updateSummary } from '../notify/support/summaries';

const BASIC = `Basic ${Buffer.from('oncall@example.com:atl-token-123').toString('base64')}`;
const fake = useFakeDestinations({ jiraAuthorization: BASIC });
const secrets = secretsOf({ jira: '{"email":"oncall@example.com","apiToken":"atl-token-123"}' });

const jiraConfig = (): JiraDestinationConfig => ({
  site: fake().jiraSite,
  projectKey: 'OPS',
  secretId: 'jira',
  issueType: 'Incident',
});

const openSummaryValue = openSummary();
const record = {
  incidentId: openSummaryValue.incidentId,
  api: openSummaryValue.api,
  refs: { jira: { issueKey: 'OPS-1' } },
} as unknown as IncidentRecord;

const acknowledge = () =>
  acknowledgeElsewhere({ config: { ...RUNTIME_CONFIG, destinations: { jira: jiraConfig() } }, secrets })(record, {
    by: 'U0ONCALL1',
    at: '2024-05-01T12:06:00.000Z',
  });

const comments = (): RecordedRequest[] =>
  fake()
    .requests('jira')
    .filter((r) => r.method === 'POST' && r.path.endsWith('/comment'));

/** What says who is calling and how: everything of a request but its body. */
const setup = (r: RecordedRequest | undefined) => ({
  path: r?.path,
  authorization: r?.headers['authorization'],
  accept: r?.headers['accept'],
  contentType: r?.headers['content-type'],
  userAgent: r?.headers['user-agent'],
});

it('comments on the incident’s issue with the notifier’s own request setup', async () => {
  const { sleep } = recordingSleep();
  const notifiers = createNotifiers({ jira: jiraConfig() }, { secrets, region: 'eu-west-1' });
  await deliverAll(openSummaryValue, notifiers, {}, { deadline: later(), sleep });
  await deliverAll(updateSummary(), notifiers, { jira: { issueKey: 'OPS-1' } }, { deadline: later(), sleep });
  const [byNotifier] = comments();

  expect(await acknowledge()).toEqual(['commented on OPS-1']);

  const byButton = comments()[1];
  expect(setup(byButton)).toEqual(setup(byNotifier));
  expect(setup(byButton)).toEqual(
    expect.objectContaining({ path: '/jira/rest/api/3/issue/OPS-1/comment', authorization: BASIC }),
  );
  expect(JSON.stringify(byButton?.body)).toContain('Acknowledged in Slack by user U0ONCALL1');
});

it('says the status Jira refused the comment with', async () => {
  const { sleep } = recordingSleep();
  await deliverAll(
    openSummaryValue,
    createNotifiers({ jira: jiraConfig() }, { secrets, region: 'eu-west-1' }),
    {},
    {
      deadline: later(),
      sleep,
    },
  );
  fake().failNext('jira', faults.unauthorized());
  expect(await acknowledge()).toEqual(['Jira comment failed: HTTP 401']);
});
