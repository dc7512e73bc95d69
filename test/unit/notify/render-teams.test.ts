import { ADAPTIVE_CARD_VERSION, renderTeamsCard, teamsMessage } from '../../../functions/notify/render-teams';
import type { IncidentSummary } from '../../../functions/types';
import { ROOT_CAUSE_CLASSES } from '../../../functions/types';
import { summaryOfClass } from './support/summary-of-class';
import {
  explainedSummary,
  fixtureNames,
  hugelyExplained,
  hugeSummary,
  loadFixture,
  openSummary,
  resolvedSummary,
} from './support/summaries';
import { teamsCardErrors } from './support/teams-card-validator';

/** Teams refuses a message over about 28 KB; the card stays far below. */
const MAX_PAYLOAD_BYTES = 28 * 1024;
/** "Short": body elements of the opening card (container, facts, why + 2 lines, step + command, footer). */
const MAX_BODY_ELEMENTS = 8;

function expectValidShortCard(summary: IncidentSummary): void {
  const message = teamsMessage(renderTeamsCard(summary, { eventId: 'abc123def456' }));
  expect(teamsCardErrors(message)).toEqual([]);
  expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(MAX_PAYLOAD_BYTES);
  expect(message.attachments[0].content.body.length).toBeLessThanOrEqual(MAX_BODY_ELEMENTS);
}

describe('renderTeamsCard', () => {
  it('says state, API/stage, cause and confidence in words, impact, evidence and the first step', () => {
    const card = renderTeamsCard(openSummary());
    const all = JSON.stringify(card);
    expect(card.version).toBe(ADAPTIVE_CARD_VERSION);
    expect(card.body[1]).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'State', value: 'ALARM' },
        { title: 'API/stage', value: 'orders-api/prod' },
        { title: 'Cause', value: expect.stringMatching(/^Integration timed out, high confidence \(91%\)/) },
        { title: 'Impact', value: expect.stringContaining('18% of requests failed') },
      ],
    });
    expect(all).toContain('Execution failed due to a timeout error');
    expect(all).toContain('First step: ');
    expect(card.actions?.map((a) => a['title'])).toContain('Metrics graph');
    expect(card.actions?.every((a) => String(a['url']).startsWith('https://'))).toBe(true);
  });

  it('links to the full detail elsewhere first (the Jira issue) and names the event', () => {
    const jira = { label: 'Jira issue', url: 'https://acme.atlassian.net/issues/?jql=x' };
    const card = renderTeamsCard(openSummary(), { detailLinks: [jira], eventId: 'abc123def456' });
    expect(card.actions?.[0]).toEqual({ type: 'Action.OpenUrl', title: 'Jira issue', url: jira.url });
    expect(JSON.stringify(card.body)).toContain('event abc123def456');
  });

  it('renders a resolved card without the steps, naming the original', () => {
    const card = renderTeamsCard(resolvedSummary(), { openedTitle: 'ALARM · orders-api/prod · INTEGRATION_TIMEOUT' });
    const all = JSON.stringify(card);
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'good' });
    expect(all).toContain('Resolved after 26 min');
    expect(all).not.toContain('First step');
    expect(teamsCardErrors(teamsMessage(card))).toEqual([]);
  });

  it('escapes the Markdown subset Teams applies to text', () => {
    const base = openSummary();
    const card = renderTeamsCard({ ...base, api: { ...base.api, name: 'orders_*api*' } });
    expect(JSON.stringify(card.body[1])).toContain('orders\\\\_\\\\*api\\\\*/prod');
  });

  it.each([...ROOT_CAUSE_CLASSES])('validates against the Adaptive Card 1.5 schema and stays short for %s', (cls) => {
    expectValidShortCard(summaryOfClass(cls));
  });

  it.each(fixtureNames())('validates for the recorded summary %s', (name) => {
    expectValidShortCard(loadFixture(name));
  });

  it('validates and stays short for the worst-case incident', () => {
    expectValidShortCard(hugeSummary());
  });

  it('says why this class and not the runner-up where the evidence was, in as many elements', () => {
    // Act
    const card = renderTeamsCard(explainedSummary());
    // Assert
    const texts = card.body.map((e) => e['text']);
    const at = texts.indexOf('Why INTEGRATION\\_TIMEOUT (91%) and not LAMBDA\\_TIMEOUT');
    expect(at).toBeGreaterThan(0);
    expect(texts[at + 1]).toBe(
      [
        'Decided by:\n\n- timeout.execution-log (execution-log, ×406): Execution failed due to a timeout error',
        '- timeout.integration-latency (metrics): IntegrationLatency max 29001 ms = the integration timeout (29000 ms)',
        '- timeout.status (access-log, ×412): status 504 with integrationError INTEGRATION\\_TIMEOUT',
      ].join('\r'),
    );
    expect(texts[at + 2]).toMatch(
      /^Would change the answer:\n\n- LAMBDA\\_TIMEOUT would lead instead on .*\r- execution logging is off/,
    );
    expect(card.body.length).toBe(renderTeamsCard(openSummary()).body.length);
  });

  it('keeps the two evidence lines for a record without an explanation', () => {
    const texts = renderTeamsCard(openSummary()).body.map((e) => e['text']);
    expect(texts).toContain('Why');
    expect(texts).toContain('- Execution failed due to a timeout error (×406)');
    expect(JSON.stringify(texts)).not.toContain('Decided by');
  });

  it.each([...ROOT_CAUSE_CLASSES])('stays valid and short with an explanation for %s', (cls) => {
    expectValidShortCard(explainedSummary(summaryOfClass(cls)));
  });

  it('stays valid and short for the worst-case incident with the worst-case explanation', () => {
    const card = renderTeamsCard(hugelyExplained());
    expectValidShortCard(hugelyExplained());
    const lists = card.body.filter((e) => /^(Decided by|Would change the answer):/.test(String(e['text'])));
    expect(lists).toHaveLength(2);
    for (const list of lists) expect(String(list['text']).split('\r')).toHaveLength(3);
  });

  it('the schema refuses what Teams would refuse', () => {
    const message = teamsMessage(renderTeamsCard(openSummary()));
    const card = message.attachments[0].content;
    const broken = (content: unknown) => ({ ...message, attachments: [{ ...message.attachments[0], content }] });
    const { version: _version, ...noVersion } = card;
    expect(teamsCardErrors(broken(noVersion))).not.toEqual([]);
    expect(teamsCardErrors(broken({ ...card, version: '1.6' }))).not.toEqual([]);
    expect(teamsCardErrors(broken({ ...card, body: [{ type: 'TextBlock', text: 'x', color: 'Red' }] }))).not.toEqual(
      [],
    );
    expect(teamsCardErrors(broken({ ...card, body: [{ type: 'Table', rows: [] }] }))).not.toEqual([]);
    expect(teamsCardErrors({ ...message, type: 'AdaptiveCard' })).not.toEqual([]);
    expect(teamsCardErrors({ ...message, attachments: [{ ...message.attachments[0], contentType: 'x' }] })).not.toEqual(
      [],
    );
  });
});
