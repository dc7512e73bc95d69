import { buildSummary } from '../../../functions/notify/summary';
import { pagerDutyEvent } from '../../../functions/notify/pagerduty-notifier';
import { renderJira } from '../../../functions/notify/render-jira';
import { renderMarkdown } from '../../../functions/notify/render-markdown';
import { renderSlack } from '../../../functions/notify/render-slack';
import { renderSlackParent } from '../../../functions/notify/render-slack-parent';
import { renderTeamsCard } from '../../../functions/notify/render-teams';
import {
  DECIDED_BY_LABEL,
  NO_DECIDING_LINE,
  WHY_MAX_ITEMS,
  WOULD_CHANGE_LABEL,
  whySectionOf,
} from '../../../functions/notify/why-section';
import type { IncidentSummary } from '../../../functions/types';
import { formsOf } from '../redact/support/corpus';
import { EXECUTION_LOGGING_OFF, explainedSummary, incident, openSummary } from './support/summaries';

describe('whySectionOf (the one builder every destination renders)', () => {
  it('names the leading class, its confidence and the runner-up, with what decided it and what would change it', () => {
    expect(whySectionOf(explainedSummary())).toEqual({
      heading: 'Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT',
      lists: [
        {
          label: DECIDED_BY_LABEL,
          items: [
            'timeout.execution-log (execution-log, ×406): Execution failed due to a timeout error',
            'timeout.integration-latency (metrics): IntegrationLatency max 29001 ms = the integration timeout (29000 ms)',
            'timeout.status (access-log, ×412): status 504 with integrationError INTEGRATION_TIMEOUT',
          ],
        },
        {
          label: WOULD_CHANGE_LABEL,
          items: [
            'LAMBDA_TIMEOUT would lead instead on the function log\'s "Task timed out after N seconds" or a REPORT Duration equal to the function timeout',
            EXECUTION_LOGGING_OFF,
          ],
        },
      ],
    });
  });

  it('keeps at most three distinct, non-empty items per list', () => {
    const many = Array.from({ length: 9 }, (_, i) => `line ${i % 4}`);
    const summary: IncidentSummary = {
      ...openSummary(),
      explanation: [
        { class: 'INTEGRATION_TIMEOUT', confidence: 0.91, decidedBy: ['', ...many], wouldChange: [' ', ...many] },
      ],
    };
    const why = whySectionOf(summary);
    expect(why?.lists.map((l) => l.items)).toEqual([
      ['line 0', 'line 1', 'line 2'],
      ['line 0', 'line 1', 'line 2'],
    ]);
    expect(WHY_MAX_ITEMS).toBe(3);
  });

  it('says "and not" only when there is a runner-up, and drops an empty would-change list', () => {
    const summary: IncidentSummary = {
      ...openSummary(),
      explanation: [{ class: 'INTEGRATION_TIMEOUT', confidence: 0.834, decidedBy: [], wouldChange: [] }],
    };
    expect(whySectionOf(summary)).toEqual({
      heading: 'Why INTEGRATION_TIMEOUT (83%)',
      lists: [{ label: DECIDED_BY_LABEL, items: [NO_DECIDING_LINE] }],
    });
  });

  it('is null for an older record, a summary without a cause, and an explanation of another class', () => {
    expect(whySectionOf(openSummary())).toBeNull();
    expect(whySectionOf({ ...explainedSummary(), leading: null })).toBeNull();
    const other = explainedSummary();
    expect(whySectionOf({ ...other, leading: { ...other.leading!, class: 'THROTTLING' } })).toBeNull();
  });
});

describe('the "Why" section through the real summary path: redacted everywhere it is shown', () => {
  const JWT =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZW1haWwiOiJqQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJlLXZhbHVlLWhlcmU';
  const API_KEY = 'kP3m9Qw7Zr2Tx8Lv5Nb1Hc6Jd4Fg0Ys';
  const EMAIL = 'jane.doe@example.com';
  const deciding = `timeout.execution-log (execution-log, ×3): Endpoint request headers: {Authorization=Bearer ${JWT}, x-api-key=${API_KEY}}`;

  /** Built by buildSummary, which redacts at the boundary, from a classification carrying secrets. */
  function summaryWithSecrets(): IncidentSummary {
    return buildSummary({
      incident: incident(),
      kind: 'open',
      incidentId: 'inc-why',
      classification: {
        class: 'INTEGRATION_TIMEOUT',
        confidence: 0.9,
        hypotheses: [
          { class: 'INTEGRATION_TIMEOUT', confidence: 0.9, evidence: [] },
          { class: 'LAMBDA_TIMEOUT', confidence: 0.3, evidence: [] },
        ],
        evidence: [],
        explanation: [
          {
            class: 'INTEGRATION_TIMEOUT',
            confidence: 0.9,
            decidedBy: [deciding],
            wouldChange: [`ask ${EMAIL}: execution logging is off`],
          },
          { class: 'LAMBDA_TIMEOUT', confidence: 0.3, decidedBy: [], wouldChange: [] },
        ],
      },
    });
  }

  const outputs = (summary: IncidentSummary): Record<string, string> => ({
    slack: JSON.stringify(renderSlack(summary)),
    jira: JSON.stringify(renderJira(summary)),
    // As Teams shows it: without the backslashes that keep its Markdown subset from formatting.
    teams: JSON.stringify(renderTeamsCard(summary)).replace(/\\\\([*_`[\]#>~|])/g, '$1'),
    markdown: renderMarkdown(summary),
    pagerduty: JSON.stringify(pagerDutyEvent(summary, 'routing-key')),
  });

  it('shows the section in every destination and no secret of a decidedBy or wouldChange line', () => {
    const rendered = outputs(summaryWithSecrets());
    for (const [name, text] of Object.entries(rendered)) {
      // The section is there (so the check below is about it), its message readable...
      expect([name, text.includes('Why INTEGRATION_TIMEOUT (90%) and not LAMBDA_TIMEOUT')]).toEqual([name, true]);
      expect([name, text.includes('Endpoint request headers')]).toEqual([name, true]);
      // ...and no form of a planted value survives.
      for (const secret of [JWT, API_KEY, EMAIL, 'eyJzdWIiOiJ1c2VyLTQyIiwiZW1haWwiOiJqQGV4YW1wbGUuY29tIn0'])
        for (const form of formsOf(secret)) expect([name, text.includes(form)]).toEqual([name, false]);
    }
  });

  it('leaves the short Slack parent as it was: the section is in the thread reply only', () => {
    const summary = explainedSummary();
    expect(renderSlackParent(summary)).toEqual(renderSlackParent(openSummary()));
    expect(JSON.stringify(renderSlack(summary))).toContain('Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT');
  });
});
