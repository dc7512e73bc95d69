/**
 * The incident graph attached to the new Jira issue, through the real notifier against the Jira
 * stand-in, which checks the request as Jira Cloud documents it (X-Atlassian-Token: no-check,
 * multipart/form-data, the file in the part named "file"). The PNG comes from a GetMetricWidgetImage
 * stand-in: the emulator has no such API.
 */
import { deliverAll } from '../../../functions/notify/deliver';
import { attachToIssue } from '../../../functions/notify/graph/jira-attachment';
import type { GraphImage } from '../../../functions/notify/graph/incident-graph';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { recordingContext } from './support/send-context';
import { openSummary } from './support/summaries';

const fake = useFakeDestinations();
/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const SECRET = '{"email":"oncall@example.com","apiToken":"atl-token-123"}';

function jira(graph: GraphImage) {
  return createNotifiers(
    { jira: { site: fake().jiraSite, projectKey: 'OPS', secretId: 'jira', issueType: 'Bug' } },
    { secrets: secretsOf({ jira: SECRET }), region: 'eu-west-1', graph },
  );
}

const options = (done: string[]) => ({
  deadline: later(),
  sleep: recordingSleep().sleep,
  context: recordingContext('e1', 'open', done),
});

describe('the graph on the Jira issue', () => {
  it('attaches the PNG to the new issue as a multipart "file" with the XSRF header', async () => {
    const done: string[] = [];
    const [result] = await deliverAll(
      openSummary(),
      jira(() => Promise.resolve({ png: PNG })),
      {},
      options(done),
    );

    expect(result).toMatchObject({ status: 'delivered', ref: { issueKey: 'OPS-1' } });
    expect(fake().jiraIssues()[0]?.attachments).toEqual([`${openSummary().incidentId}.png`]);
    const upload = fake()
      .requests('jira')
      .find((r) => r.path.endsWith('/attachments'));
    expect(upload).toMatchObject({ method: 'POST', path: '/jira/rest/api/3/issue/OPS-1/attachments', status: 200 });
    expect(upload?.headers['x-atlassian-token']).toBe('no-check');
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.rawBody).toContain('Content-Type: image/png');
    expect(done).toEqual(['graph']);
  });

  it('a retry of the opening event attaches nothing again once the step is recorded', async () => {
    const done: string[] = [];
    const notifiers = jira(() => Promise.resolve({ png: PNG }));
    await deliverAll(openSummary(), notifiers, {}, options(done));
    await deliverAll(openSummary(), notifiers, {}, options(done));

    expect(fake().jiraIssues()).toHaveLength(1);
    expect(fake().jiraIssues()[0]?.attachments).toHaveLength(1);
  });

  it('delivers the issue when the graph cannot be made or attached', async () => {
    const [noImage] = await deliverAll(
      openSummary(),
      jira(() => Promise.reject(new Error('throttled'))),
      {},
      options([]),
    );
    expect(noImage?.status).toBe('delivered');
    expect(fake().jiraIssues()[0]?.attachments).toEqual([]);
  });

  it('Jira refuses the upload without the XSRF header (the stand-in checks what Jira checks)', async () => {
    const site = fake().jiraSite;
    const [created] = await deliverAll(
      openSummary(),
      jira(() => Promise.resolve(undefined)),
      {},
      options([]),
    );
    const withoutHeader: typeof fetch = (url, init) =>
      fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-atlassian-token': '' } });
    const attach = attachToIssue(
      { site, issueKey: String(created?.ref?.issueKey), authorization: 'Basic x', filename: 'g.png', png: PNG },
      { signal: AbortSignal.timeout(5_000), fetch: withoutHeader },
    );

    await expect(attach).rejects.toThrow('jira attachment: HTTP 403');
  });
});
