import type { KnownBlock, SectionBlock } from '@slack/types';
import { renderSlack, renderSlackResolvedNote } from '../../../functions/notify/render-slack';
import { SLACK_LIMITS, slackViolations } from '../../../functions/notify/slack-limits';
import {
  explainedSummary,
  fixtureNames,
  hugelyExplained,
  hugeSummary,
  loadFixture,
  openSummary,
  resolvedSummary,
} from './support/summaries';

const sectionTexts = (blocks: readonly KnownBlock[]): string[] =>
  blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '');

describe('renderSlack', () => {
  it('renders the integration-timeout sample: header, impact, evidence, commands and link buttons', () => {
    // Act
    const message = renderSlack(openSummary());
    // Assert
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '🔴 ALARM · orders-api/prod · INTEGRATION_TIMEOUT', emoji: true },
    });
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Integration timed out (91% confidence');
    expect(all).toContain('*5XX rate*\\n18%');
    expect(all).toContain('Execution failed due to a timeout error');
    expect(all).toContain(
      'aws lambda update-alias --region eu-west-1 --function-name orders-handler --name live --function-version 41',
    );
    expect(all).toContain('▁▁▁▂▄███▇');
    expect(message.blocks.find((b) => b.type === 'actions')).toEqual({
      type: 'actions',
      elements: expect.arrayContaining([
        expect.objectContaining({ type: 'button', text: expect.objectContaining({ text: 'Logs Insights query' }) }),
      ]),
    });
    expect(message.text).toBe(
      'ALARM · orders-api/prod · INTEGRATION_TIMEOUT: Integration timed out (91% confidence, integration latency at the 29 s limit)',
    );
    expect(slackViolations(message)).toEqual([]);
  });

  it('puts one redacted example per log template in a code block', () => {
    const texts = sectionTexts(renderSlack(openSummary()).blocks);
    expect(texts).toContainEqual(
      '*Log templates* (one redacted example each)\n*406×* `Execution failed due to a timeout error`\n```\n(8c3e9a52-1f0b-4d7e-9a61-2b7c5d0e4f13) Execution failed due to a timeout error\n```',
    );
  });

  it('numbers remediation steps with their commands', () => {
    const texts = sectionTexts(renderSlack(openSummary()).blocks);
    expect(texts).toContainEqual(
      '*2. Roll back the function update made at 11:57*\nVersion 42 went out 6 minutes before the first timeout.\n```\naws lambda update-alias --region eu-west-1 --function-name orders-handler --name live --function-version 41\n```',
    );
  });

  it.each(fixtureNames())('keeps %s within every Slack limit', (name) => {
    expect(slackViolations(renderSlack(loadFixture(name)))).toEqual([]);
  });

  it('keeps a deliberately huge incident within every Slack limit and says what it left out', () => {
    // Arrange
    const huge = hugeSummary();
    // Act
    const message = renderSlack(huge);
    // Assert
    expect(slackViolations(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    const all = JSON.stringify(message);
    expect(all).toMatch(/…and \d+ more log templates/);
    expect(all).toMatch(/…and \d+ more (remediation steps|sections)/);
    expect(all).not.toContain('<script>');
    expect(message.blocks[0]?.type).toBe('header');
    expect(message.blocks.at(-1)?.type).toBe('context');
  });

  it('escapes Slack control characters in user text', () => {
    const summary = { ...openSummary(), alarmName: 'a <!channel> & <@U123>' };
    const all = JSON.stringify(renderSlack(summary));
    expect(all).toContain('a &lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(all).not.toContain('<!channel>');
  });

  it('never lets a command close its code fence early', () => {
    const summary = { ...openSummary(), remediation: [{ title: 't', command: 'echo ```; rm -rf /' }] };
    const texts = sectionTexts(renderSlack(summary).blocks);
    expect(texts).toContainEqual('*Remediation*\n*1. t*\n```\necho `\u200b``; rm -rf /\n```');
  });

  it('renders a resolved parent with the original root cause when the OK carries no diagnosis', () => {
    const bare = { ...resolvedSummary(), leading: null, others: [], logExamples: [], remediation: [] };
    const message = renderSlack(bare, { rootCauseHint: 'INTEGRATION_TIMEOUT' });
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '✅ RESOLVED · orders-api/prod · INTEGRATION_TIMEOUT', emoji: true },
    });
    expect(sectionTexts(message.blocks)[0]).toContain('*Resolved after 26 min: alarm OK at 2024-05-01 12:29 UTC.*');
    expect(slackViolations(message)).toEqual([]);
  });
});

describe('renderSlack: why this class and not the runner-up (issue #15)', () => {
  it('puts "Why X (n%) and not Y" right after the evidence: what decided it and what would change it', () => {
    // Act
    const texts = sectionTexts(renderSlack(explainedSummary()).blocks);
    // Assert
    const evidence = texts.findIndex((t) => t.startsWith('*Evidence*'));
    expect(texts[evidence + 1]).toBe(
      [
        '*Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT*',
        '_Decided by:_',
        '• timeout.execution-log (execution-log, ×406): Execution failed due to a timeout error',
        '• timeout.integration-latency (metrics): IntegrationLatency max 29001 ms = the integration timeout (29000 ms)',
        '• timeout.status (access-log, ×412): status 504 with integrationError INTEGRATION_TIMEOUT',
        '_Would change the answer:_',
        '• LAMBDA_TIMEOUT would lead instead on the function log\'s "Task timed out after N seconds" or a REPORT Duration equal to the function timeout',
        '• execution logging is off: turn it on to tell a timeout from a function error',
      ].join('\n'),
    );
  });

  it('renders nothing new for a record without an explanation', () => {
    const all = JSON.stringify(renderSlack(openSummary()));
    expect(all).not.toContain('Why INTEGRATION_TIMEOUT');
    expect(all).not.toContain('Decided by');
  });

  it('keeps the section within one section block, escaped, three bullets per list, however long the lines', () => {
    // Act
    const texts = sectionTexts(renderSlack(hugelyExplained(openSummary())).blocks);
    // Assert
    const why = texts.find((t) => t.startsWith('*Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT*')) ?? '';
    expect(why.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(why.match(/^• /gm)).toHaveLength(6);
    expect(why).toContain('&lt;script&gt; &amp;');
    expect(why).not.toContain('<script>');
  });

  it('keeps the worst-case incident with the worst-case explanation within every Slack limit', () => {
    const message = renderSlack(hugelyExplained());
    expect(slackViolations(message)).toEqual([]);
    expect(JSON.stringify(message)).not.toContain('<script>');
  });
});

describe('renderSlackResolvedNote', () => {
  it('names the original message', () => {
    const note = renderSlackResolvedNote(resolvedSummary(), {
      title: 'ALARM · orders-api/prod · INTEGRATION_TIMEOUT',
      openedAt: '2024-05-01T12:06:00.000Z',
    });
    expect(note).toEqual({
      text: '✅ Resolved after 26 min: alarm OK at 2024-05-01 12:29 UTC. ALARM · orders-api/prod · INTEGRATION_TIMEOUT (opened 2024-05-01 12:06 UTC)',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '✅ *orders-api/prod* Resolved after 26 min: alarm OK at 2024-05-01 12:29 UTC.\nOriginal: ALARM · orders-api/prod · INTEGRATION_TIMEOUT (opened 2024-05-01 12:06 UTC)',
          },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: 'apigw-responder · incident inc-orders-api-prod-20240501T1203Z · diagnosed in 4.2 s',
            },
          ],
        },
      ],
    });
    expect(slackViolations(note)).toEqual([]);
  });

  it('stays within limits for the huge incident', () => {
    expect(
      slackViolations(
        renderSlackResolvedNote({ ...hugeSummary(), kind: 'resolved', state: 'OK' }, { title: 'x'.repeat(5000) }),
      ),
    ).toEqual([]);
  });
});

describe('slackViolations', () => {
  it.each([
    [
      'too many blocks',
      { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' as const })) },
      '51 blocks > 50',
    ],
    [
      'long header',
      {
        text: 't',
        blocks: [{ type: 'header' as const, text: { type: 'plain_text' as const, text: 'h'.repeat(151) } }],
      },
      '151 > 150',
    ],
    [
      'empty section text',
      { text: 't', blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: '' } }] },
      'empty text',
    ],
    [
      '11 fields',
      {
        text: 't',
        blocks: [
          {
            type: 'section' as const,
            fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn' as const, text: 'f' })),
          },
        ],
      },
      '11 fields > 10',
    ],
  ])('reports %s', (_name, payload, expected) => {
    expect(slackViolations(payload).join('\n')).toContain(expected);
  });
});
