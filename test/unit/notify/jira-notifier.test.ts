import { deliverAll } from '../../../functions/notify/deliver';
import { jiraDedupeJql, jiraDedupeLabel } from '../../../functions/notify/jira-notifier';
import { createNotifiers } from '../../../functions/notify/notifiers';
import type { JiraDestinationConfig } from '../../../functions/runtime-config';
import { faults } from '../../../scripts/sandbox/fake-destinations';
import { adfErrors } from './support/adf-validator';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { openSummary, resolvedSummary, updateSummary } from './support/summaries';

const BASIC = `Basic ${Buffer.from('oncall@example.com:atl-token-123').toString('base64')}`;
const fake = useFakeDestinations({ jiraAuthorization: BASIC });
const INCIDENT = 'inc-orders-api-prod-20240501T1203Z';

function jira(
  overrides: Partial<JiraDestinationConfig> = {},
  secret = '{"email":"oncall@example.com","apiToken":"atl-token-123"}',
) {
  return createNotifiers(
    {
      jira: {
        site: fake().jiraSite,
        projectKey: 'OPS',
        secretId: 'jira',
        issueType: 'Incident',
        resolveTransition: 'Done',
        ...overrides,
      },
    },
    { secrets: secretsOf({ jira: secret }), region: 'eu-west-1' },
  );
}

const searchPath = '/jira/rest/api/3/search/jql';

describe('Jira Cloud against the fake REST v3', () => {
  it('creates on ALARM, comments on the second ALARM, comments and transitions on OK', async () => {
    const { sleep } = recordingSleep();
    const notifiers = jira();

    // Act 1: ALARM, nothing open yet
    const [created] = await deliverAll(openSummary(), notifiers, {}, { deadline: later(), sleep });
    // Assert 1
    expect(created).toEqual({ destination: 'jira', status: 'delivered', retries: 0, ref: { issueKey: 'OPS-1' } });
    const [search, create] = fake().requests('jira');
    expect(search).toMatchObject({
      method: 'GET',
      path: searchPath,
      query: { jql: jiraDedupeJql('OPS', INCIDENT), maxResults: '1', fields: 'status' },
      headers: { authorization: BASIC, accept: 'application/json' },
    });
    expect(search?.query.jql).toBe(
      `project = "OPS" AND labels = "apigw-responder-${INCIDENT}" AND statusCategory != Done ORDER BY created DESC`,
    );
    expect(create).toMatchObject({
      method: 'POST',
      path: '/jira/rest/api/3/issue',
      headers: { authorization: BASIC, 'content-type': 'application/json; charset=utf-8' },
      body: {
        fields: {
          project: { key: 'OPS' },
          issuetype: { name: 'Incident' },
          summary: '[apigw-responder] orders-api/prod: INTEGRATION_TIMEOUT (apigw-responder-orders-api-prod-5xx-rate)',
          labels: ['apigw-responder', jiraDedupeLabel(INCIDENT)],
          description: { type: 'doc', version: 1 },
        },
      },
    });
    expect(adfErrors((create?.body as { fields: { description: unknown } }).fields.description)).toEqual([]);

    // Act 2: a second ALARM of the same incident, even without a stored ref
    const [commented] = await deliverAll(updateSummary(), notifiers, {}, { deadline: later(), sleep });
    // Assert 2
    expect(commented).toMatchObject({ status: 'delivered', ref: { issueKey: 'OPS-1' } });
    const comment = fake().requests('jira')[3];
    expect(
      fake()
        .requests('jira')
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([
      `GET ${searchPath}`,
      'POST /jira/rest/api/3/issue',
      `GET ${searchPath}`,
      'POST /jira/rest/api/3/issue/OPS-1/comment',
    ]);
    expect(adfErrors((comment?.body as { body: unknown }).body)).toEqual([]);

    // Act 3: OK
    const [resolved] = await deliverAll(
      resolvedSummary(),
      notifiers,
      { jira: created?.ref },
      { deadline: later(), sleep },
    );
    // Assert 3
    expect(resolved).toMatchObject({ status: 'delivered', ref: { issueKey: 'OPS-1' } });
    const tail = fake().requests('jira').slice(4);
    expect(tail.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /jira/rest/api/3/issue/OPS-1/comment',
      'GET /jira/rest/api/3/issue/OPS-1/transitions',
      'POST /jira/rest/api/3/issue/OPS-1/transitions',
    ]);
    expect(tail[2]?.body).toEqual({ transition: { id: '31' } });
    expect(adfErrors((tail[0]?.body as { body: unknown }).body)).toEqual([]);
    expect(fake().jiraIssues()[0]).toMatchObject({
      key: 'OPS-1',
      status: 'Done',
      comments: [expect.anything(), expect.anything()],
    });
  });

  it('opens a new issue when the previous one was closed', async () => {
    const notifiers = jira();
    await deliverAll(openSummary(), notifiers, {}, { deadline: later(), sleep: recordingSleep().sleep });
    await deliverAll(
      resolvedSummary(),
      notifiers,
      { jira: { issueKey: 'OPS-1' } },
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    const [again] = await deliverAll(
      openSummary(),
      notifiers,
      {},
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    expect(again?.ref).toEqual({ issueKey: 'OPS-2' });
  });

  it('uses a bearer token when the secret holds one', async () => {
    // Arrange: a fake that only takes this bearer token
    const [result] = await deliverAll(
      openSummary(),
      jira({}, '{"bearerToken":"oauth-abc"}'),
      {},
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    // Assert: the fake rejected it (it expects Basic), proving the header sent
    expect(result).toMatchObject({ status: 'failed', retries: 0, reason: expect.stringContaining('HTTP 401') });
    expect(fake().requests('jira')).toHaveLength(1);
    expect(fake().requests('jira')[0]?.headers.authorization).toBe('Bearer oauth-abc');
  });

  it('fails with the available transitions when the configured one does not exist', async () => {
    const notifiers = jira({ resolveTransition: 'Closed' });
    const [created] = await deliverAll(
      openSummary(),
      notifiers,
      {},
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    const [resolved] = await deliverAll(
      resolvedSummary(),
      notifiers,
      { jira: created?.ref },
      { deadline: later(), sleep: recordingSleep().sleep },
    );
    expect(resolved).toEqual({
      destination: 'jira',
      status: 'failed',
      retries: 0,
      reason: 'jira OPS-1: no transition "Closed" (available: To Do, In Progress, Done)',
    });
  });

  it('retries a 500 from the search and still creates exactly one issue', async () => {
    fake().failNext('jira', faults.serverError());
    const [result] = await deliverAll(openSummary(), jira(), {}, { deadline: later(), sleep: recordingSleep().sleep });
    expect(result).toMatchObject({ status: 'delivered', retries: 1, ref: { issueKey: 'OPS-1' } });
    expect(fake().jiraIssues()).toHaveLength(1);
  });
});
