/**
 * A re-fire after the resolution re-opens the incident's Jira issue: by a transition when the
 * workflow offers one, else by a new issue linked to the closed one, which the next OK resolves.
 * Comments carry the event key, and a resumed send does not comment twice.
 */
import { deliverAll } from '../../../functions/notify/deliver';
import { jiraEventMarker } from '../../../functions/notify/jira-notifier';
import { createNotifiers } from '../../../functions/notify/notifiers';
import type { SendContext } from '../../../functions/types';
import { later, useFakeDestinations } from './support/fake';
import { recordingSleep, secretsOf } from './support/recording-sleep';
import { openSummary, resolvedSummary, updateSummary } from './support/summaries';

// A workflow whose only transition is Done: nothing re-opens an issue.
const fake = useFakeDestinations({ jiraTransitions: [{ id: '31', name: 'Done' }] });

function jira() {
  return createNotifiers(
    {
      jira: { site: fake().jiraSite, projectKey: 'OPS', secretId: 'jira', issueType: 'Bug', resolveTransition: 'Done' },
    },
    { secrets: secretsOf({ jira: '{"email":"a@example.com","apiToken":"t"}' }), region: 'eu-west-1' },
  );
}

const context =
  (eventKey: string, outcome: SendContext['outcome'], resumed = false) =>
  (): SendContext => ({
    eventKey,
    outcome,
    done: [],
    resumed,
  });

/** The incident's issue, opened by its first ALARM; the notifiers and options for what follows. */
async function opened() {
  const notifiers = jira();
  const options = { deadline: later(), sleep: recordingSleep().sleep };
  const [open] = await deliverAll(
    openSummary(),
    notifiers,
    {},
    { ...options, context: context('a'.repeat(40), 'open') },
  );
  return { notifiers, options, ref: { jira: open!.ref! } };
}

describe('Jira re-open', () => {
  it('opens a linked issue when the workflow cannot re-open the closed one; the next OK resolves the new issue', async () => {
    const { notifiers, options, ref } = await opened();
    const [resolved] = await deliverAll(resolvedSummary(), notifiers, ref, {
      ...options,
      context: context('b'.repeat(40), 'resolved'),
    });
    expect(
      fake()
        .jiraIssues()
        .map((i) => i.status),
    ).toEqual(['Done']);

    const [reopened] = await deliverAll(
      updateSummary(),
      notifiers,
      { jira: resolved!.ref! },
      {
        ...options,
        context: context('c'.repeat(40), 'reopen'),
      },
    );

    const [first, second] = fake().jiraIssues();
    expect(reopened).toMatchObject({ status: 'delivered', ref: { issueKey: second!.key } });
    expect(second).toMatchObject({ status: 'To Do', links: [first!.key] });
    expect(JSON.stringify(second!.comments)).toContain(jiraEventMarker('c'.repeat(40)));

    await deliverAll(
      resolvedSummary(),
      notifiers,
      { jira: reopened!.ref! },
      { ...options, context: context('d'.repeat(40), 'resolved') },
    );
    expect(
      fake()
        .jiraIssues()
        .map((i) => i.status),
    ).toEqual(['Done', 'Done']);
  });

  it('a resumed send finds its comment by the event key and does not comment again', async () => {
    const { notifiers, options, ref } = await opened();
    await deliverAll(resolvedSummary(), notifiers, ref, { ...options, context: context('e'.repeat(40), 'resolved') });

    await deliverAll(resolvedSummary(), notifiers, ref, {
      ...options,
      context: context('e'.repeat(40), 'resolved', true),
    });

    expect(fake().jiraIssues()[0]!.comments).toHaveLength(1);
  });
});
