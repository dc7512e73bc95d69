import type { FakeTeams } from '../../../scripts/sandbox/fake-teams';
import { startFakeTeams } from '../../../scripts/sandbox/fake-teams';
import { deliverAll } from '../../../functions/notify/deliver';
import { createNotifiers } from '../../../functions/notify/notifiers';
import { teamsEventId } from '../../../functions/notify/teams-notifier';
import type { DestinationName, SendContext } from '../../../functions/types';
import { later } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { recordingContext } from './support/send-context';
import { openSummary, resolvedSummary, updateSummary } from './support/summaries';
import { teamsCardErrors } from './support/teams-card-validator';

let teams: FakeTeams;
beforeAll(async () => {
  teams = await startFakeTeams();
});
beforeEach(() => teams.reset());
afterAll(async () => {
  await teams.close();
});

const JIRA = { site: 'https://acme.atlassian.net', projectKey: 'OPS', secretId: 'jira', issueType: 'Bug' };

const notifiers = (url = teams.webhookUrl, withJira = false) =>
  createNotifiers(
    { teams: { webhookSecretId: 'teams-hook' }, ...(withJira ? { jira: JIRA } : {}) },
    { secrets: secretsOf({ 'teams-hook': JSON.stringify({ url }) }), region: 'eu-west-1' },
  ).filter((n) => n.name === 'teams');

const options = (context?: (d: DestinationName) => SendContext) => ({
  deadline: later(),
  sleep: recordingSleep().sleep,
  ...(context === undefined ? {} : { context }),
});

describe('Teams notifier against the Workflows stand-in', () => {
  it('posts a card per ALARM, nothing for a joining alarm, and a resolved card on OK', async () => {
    const teamsNotifiers = notifiers(teams.webhookUrl, true);
    const [opened] = await deliverAll(openSummary(), teamsNotifiers, {}, options(recordingContext('e1', 'open')));
    const [joined] = await deliverAll(
      updateSummary(),
      teamsNotifiers,
      { teams: opened?.ref },
      options(recordingContext('e2', 'join')),
    );
    const [resolved] = await deliverAll(
      resolvedSummary(),
      teamsNotifiers,
      { teams: opened?.ref },
      options(recordingContext('e3', 'resolved')),
    );

    expect(opened).toMatchObject({
      status: 'delivered',
      ref: { title: 'ALARM · orders-api/prod · INTEGRATION_TIMEOUT', openedAt: '2024-05-01T12:06:00.000Z' },
    });
    expect(joined?.ref).toEqual(opened?.ref);
    expect(resolved?.ref).toMatchObject({ resolvedAt: '2024-05-01T12:29:00.000Z' });
    expect(teams.requests().map((r) => `${r.method} ${r.status}`)).toEqual(['POST 202', 'POST 202']);
    const [alarmCard, resolvedCard] = teams.cards();
    expect(alarmCard?.headers['idempotency-key']).toBe('e1');
    expect(JSON.stringify(alarmCard?.card)).toContain(`event ${teamsEventId('e1')}`);
    expect(JSON.stringify(alarmCard?.card)).toContain('https://acme.atlassian.net/issues/?jql=');
    expect(JSON.stringify(resolvedCard?.card)).toContain('Resolved after 26 min');
    for (const request of teams.requests()) expect(teamsCardErrors(JSON.parse(request.rawBody))).toEqual([]);
  });

  it('retries a 429/500 and posts once; a step already recorded is not posted again', async () => {
    teams.failNext(429, 500);
    const done: string[] = [];
    const [first] = await deliverAll(openSummary(), notifiers(), {}, options(recordingContext('e1', 'open', done)));
    const [again] = await deliverAll(openSummary(), notifiers(), {}, options(recordingContext('e1', 'open', done)));

    expect(first).toMatchObject({ status: 'delivered', retries: 2 });
    expect(again?.status).toBe('delivered');
    expect(done).toEqual(['card']);
    expect(teams.cards()).toHaveLength(1);
    expect(teams.requests().map((r) => r.status)).toEqual([429, 500, 202]);
  });

  it("sends a routed API's card to its team's workflow, with the event's context", async () => {
    const other = await startFakeTeams();
    try {
      const routed = createNotifiers(
        { teams: { webhookSecretId: 'teams-hook' } },
        {
          secrets: secretsOf({
            'teams-hook': JSON.stringify({ url: teams.webhookUrl }),
            'orders-teams': other.webhookUrl,
          }),
          region: 'eu-west-1',
        },
        [{ kind: 'REST', api: 'orders-api', teamsWebhookSecretId: 'orders-teams' }],
      );
      const [result] = await deliverAll(openSummary(), routed, {}, options(recordingContext('e9', 'open')));

      expect(result?.status).toBe('delivered');
      expect(teams.cards()).toEqual([]);
      expect(other.cards().map((c) => c.headers['idempotency-key'])).toEqual(['e9']);
    } finally {
      await other.close();
    }
  });

  it('fails without retrying on a wrong URL, naming the origin and never the URL', async () => {
    const wrong = teams.webhookUrl.replace('sig=', 'sig=wrong');
    const [result] = await deliverAll(openSummary(), notifiers(wrong), {}, options());

    expect(result).toMatchObject({ status: 'failed', retries: 0 });
    expect(result?.reason).toContain('HTTP 401');
    expect(result?.reason).not.toContain('sig=');
    expect(teams.cards()).toEqual([]);
  });

  it('refuses a plain-http URL off this machine before sending anything', async () => {
    const [result] = await deliverAll(
      openSummary(),
      notifiers('http://prod-123.westeurope.logic.azure.com/workflows/x?sig=abc'),
      {},
      options(),
    );

    expect(result?.status).toBe('failed');
    expect(result?.reason).toBe('secret teams-hook field "url": must be an https:// URL (got http://)');
    expect(teams.requests()).toEqual([]);
  });
});
