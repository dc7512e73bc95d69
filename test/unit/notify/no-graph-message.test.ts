/**
 * When the incident's graph cannot be drawn in its API's account (no read role, a refused role),
 * the destinations say why where the graph would be, and post no image: the Slack thread gets a
 * "No graph: ..." reply, the Jira issue a comment; once per event (the graph step is recorded).
 * Through the real notifiers against the Slack and Jira stand-ins.
 */
import { deliverAll } from '../../../functions/notify/deliver';
import type { GraphImage } from '../../../functions/notify/graph/incident-graph';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { recordingContext } from './support/send-context';
import { openSummary } from './support/summaries';

const fake = useFakeDestinations({ slackToken: 'xoxb-1-test' });
const WHY = "no read role for account 777788889999 (the graph is drawn in the API's account)";
const noRole: GraphImage = () => Promise.resolve({ missing: WHY });

function notifiers(graph: GraphImage) {
  return createNotifiers(
    {
      slack: { mode: 'bot', tokenSecretId: 'slack-bot', channel: 'C0INCIDENTS', apiBaseUrl: fake().slackApiBaseUrl },
      jira: { site: fake().jiraSite, projectKey: 'OPS', secretId: 'jira', issueType: 'Bug' },
    },
    {
      secrets: secretsOf({
        'slack-bot': '{"token":"xoxb-1-test"}',
        jira: '{"email":"oncall@example.com","apiToken":"atl-token-123"}',
      }),
      region: 'eu-west-1',
      graph,
    },
  );
}

/** The steps done per destination (the responder keeps them per destination in the event record). */
type Done = Record<string, string[]>;

const deliver = (graph: GraphImage, done: Done = {}) =>
  deliverAll(
    openSummary(),
    notifiers(graph),
    {},
    {
      deadline: later(),
      sleep: recordingSleep().sleep,
      context: (destination) => recordingContext('e1', 'open', (done[destination] ??= []))(destination),
    },
  );

describe('no graph for the incident', () => {
  it('Slack: a thread reply says why, and nothing is uploaded', async () => {
    const results = await deliver(noRole);

    expect(results.map((r) => r.status)).toEqual(['delivered', 'delivered']);
    const [parent, detail, note, ...rest] = fake().slackMessages();
    expect(rest).toEqual([]);
    expect(detail?.thread_ts).toBe(parent?.ts);
    expect(note).toMatchObject({ thread_ts: parent?.ts, text: `No graph: ${WHY}` });
    expect(JSON.stringify(note?.blocks)).toContain(`No graph: ${WHY}`);
    expect(
      fake()
        .requests('slack-api')
        .filter((r) => r.path.includes('files.')),
    ).toEqual([]);
  });

  it('Jira: a comment on the new issue says why, and nothing is attached', async () => {
    await deliver(noRole);

    const [issue] = fake().jiraIssues();
    expect(issue?.attachments).toEqual([]);
    expect(JSON.stringify(issue?.comments)).toContain(`No graph: ${WHY}`);
  });

  it('says it once per event: a retry after the recorded graph step posts nothing again', async () => {
    const done: Done = {};
    await deliver(noRole, done);
    await deliver(noRole, done);

    expect(done).toEqual({ slack: ['detail', 'graph'], jira: ['graph'] });
    expect(
      fake()
        .slackMessages()
        .filter((m) => m.text.startsWith('No graph:')),
    ).toHaveLength(1);
    expect(fake().jiraIssues()).toHaveLength(1);
    expect(JSON.stringify(fake().jiraIssues()[0]?.comments).split('No graph:')).toHaveLength(2);
  });

  it('says nothing when CloudWatch answered with no image (nothing to post, nothing to explain)', async () => {
    await deliver(() => Promise.resolve(undefined));

    expect(fake().slackMessages()).toHaveLength(2);
    expect(fake().jiraIssues()[0]?.comments).toEqual([]);
  });
});
