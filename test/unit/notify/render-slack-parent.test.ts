import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnownBlock } from '@slack/types';
import { renderSlack } from '../../../functions/notify/render-slack';
import { ACTION_IDS, PARENT_LIMITS, renderSlackParent } from '../../../functions/notify/render-slack-parent';
import { blockTextLength, slackViolations } from '../../../functions/notify/slack-limits';
import type { IncidentSummary } from '../../../functions/types';
import { ROOT_CAUSE_CLASSES } from '../../../functions/types';
import { summaryOfClass } from './support/summary-of-class';
import { FIXTURE_DIR, fixtureNames, hugeSummary, loadFixture, openSummary, resolvedSummary } from './support/summaries';

/** Summaries the real pipeline produced in `npm run demo` (recorded), not written by hand. */
const demoSummaries = (): IncidentSummary[] =>
  JSON.parse(readFileSync(join(FIXTURE_DIR, 'demo', 'demo-incidents.json'), 'utf8')) as IncidentSummary[];

const textOf = (blocks: readonly KnownBlock[]): number => blocks.reduce((n, b) => n + blockTextLength(b), 0);

function expectPhoneSized(message: { text: string; blocks: KnownBlock[] }): void {
  expect(slackViolations(message)).toEqual([]);
  expect(message.blocks.length).toBeLessThanOrEqual(PARENT_LIMITS.blocks);
  expect(textOf(message.blocks)).toBeLessThanOrEqual(PARENT_LIMITS.characters);
}

describe('renderSlackParent', () => {
  it('says state, API/stage, cause in plain words, impact, deciding evidence and the first step', () => {
    const message = renderSlackParent(openSummary(), { interactive: true });
    const all = JSON.stringify(message.blocks);
    expect(message.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: '🔴 ALARM · orders-api/prod · INTEGRATION_TIMEOUT' },
    });
    expect(all).toContain('*Cause:* Integration timed out, high confidence (91%)');
    expect(all).toContain('*Impact:* 18% of requests failed');
    expect(all).toContain('Execution failed due to a timeout error');
    expect(all).toContain('*First step:*');
    const step = openSummary().remediation[0]!;
    expect(all).toContain(JSON.stringify(step.title).slice(1, -1));
    // Not the detail: no log templates, no could-not-check, no second step.
    expect(all).not.toContain('Log templates');
    expect(all).not.toContain('Could not check');
    expect(all).not.toContain(JSON.stringify(openSummary().remediation[1]!.title).slice(1, -1));
    expectPhoneSized(message);
  });

  it('carries Acknowledge, Re-run and Mute buttons in interactive mode, each naming the incident', () => {
    const actions = renderSlackParent(openSummary(), { interactive: true }).blocks.find((b) => b.type === 'actions');
    const ids = actions?.type === 'actions' ? actions.elements.map((e) => ('action_id' in e ? e.action_id : '')) : [];
    expect(ids).toEqual([
      ACTION_IDS.acknowledge,
      ACTION_IDS.rerun,
      ACTION_IDS.mute1h,
      ACTION_IDS.muteUntilOk,
      'link-0',
    ]);
    const value =
      actions?.type === 'actions' && actions.elements[0]?.type === 'button' ? actions.elements[0].value : '';
    expect(JSON.parse(value ?? '')).toEqual({
      i: openSummary().incidentId,
      k: 'MUTE#eu-west-1#123456789012#REST#orders-api#prod',
    });
  });

  it('shows who acknowledged and the mute, and offers Unmute instead of Mute', () => {
    const message = renderSlackParent(openSummary(), {
      interactive: true,
      acknowledged: { by: 'U123ABC', at: '2024-05-01T12:08:00Z' },
      muted: { by: '<script>' },
    });
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Acknowledged by <@U123ABC> at 2024-05-01 12:08 UTC');
    expect(all).toContain('Muted by &lt;script&gt; until the alarm is OK');
    expect(all).toContain(ACTION_IDS.unmute);
    expect(all).not.toContain(ACTION_IDS.acknowledge);
    expectPhoneSized(message);
  });

  it('has no action buttons without the interactions Lambda, nor on the resolved edit', () => {
    expect(JSON.stringify(renderSlackParent(openSummary()))).not.toContain(ACTION_IDS.acknowledge);
    const resolved = renderSlackParent(resolvedSummary(), { interactive: true });
    expect(JSON.stringify(resolved)).not.toContain(ACTION_IDS.acknowledge);
    expect(JSON.stringify(resolved)).toContain('Resolved after 26 min');
    expectPhoneSized(resolved);
  });

  it('names the alarms that joined the incident (the storm budget posts no reply for them)', () => {
    const joined = { ...openSummary(), alsoFiring: ['5xx-rate', 'p99-latency'] };
    const parent = JSON.stringify(renderSlackParent(joined, { interactive: true }));
    expect(parent).toContain('*Also firing:* 5xx-rate, p99-latency');
    expect(JSON.stringify(renderSlackParent({ ...joined, alsoFiring: [] }))).not.toContain('Also firing');
  });

  it.each([...ROOT_CAUSE_CLASSES])('fits one phone screen for %s with its real remediation', (cls) => {
    expectPhoneSized(renderSlackParent(summaryOfClass(cls), { interactive: true }));
    expectPhoneSized(
      renderSlackParent({ ...summaryOfClass(cls), kind: 'resolved', state: 'OK' }, { interactive: true }),
    );
  });

  it('fits one phone screen for the worst-case incident and never cuts a command', () => {
    const message = renderSlackParent(hugeSummary(), { interactive: true });
    expectPhoneSized(message);
    expect(JSON.stringify(message)).toContain('its command is in the thread');
  });

  it.each(demoSummaries().map((s) => [`${s.kind} ${s.api.name}`, s] as const))(
    'fits one phone screen for the demo incident %s',
    (_name, summary) => expectPhoneSized(renderSlackParent(summary, { interactive: true })),
  );
});

describe('the detail reply (renderSlack) keeps everything the old parent had', () => {
  const cases = [...fixtureNames().map(loadFixture), ...demoSummaries()].filter((s) => s.leading !== null);
  it.each(cases.map((s) => [`${s.kind} ${s.api.name ?? ''} ${s.leading?.class ?? ''}`, s] as const))(
    '%s: every evidence line, log template, step, change and could-not-check item',
    (_name, summary) => {
      const detail = JSON.stringify(renderSlack(summary).blocks);
      const escaped = (text: string): string =>
        JSON.stringify(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).slice(1, -1);
      const expected = [
        ...summary.leading!.evidence.map((e) => e.text),
        ...summary.logExamples.map((l) => l.template),
        ...summary.remediation.flatMap((s) => [s.title, ...(s.command === undefined ? [] : [s.command])]),
        ...summary.changes.map((c) => c.resource),
        ...summary.notChecked.map((n) => n.what),
      ];
      expect(expected.length).toBeGreaterThan(3);
      for (const item of expected) expect(detail).toContain(escaped(item).slice(0, 120));
    },
  );
});
