import {
  jiraIssueSummary,
  JIRA_BODY_BUDGET,
  renderJira,
  renderJiraResolvedComment,
} from '../../../functions/notify/render-jira';
import { adfErrors } from './support/adf-validator';
import {
  explainedSummary,
  fixtureNames,
  hugelyExplained,
  hugeSummary,
  loadFixture,
  openSummary,
  resolvedSummary,
} from './support/summaries';

describe('renderJira', () => {
  it.each(fixtureNames())('renders %s as ADF that validates against the published schema', (name) => {
    expect(adfErrors(renderJira(loadFixture(name)))).toEqual([]);
  });

  it('validates the resolved comment', () => {
    expect(adfErrors(renderJiraResolvedComment(resolvedSummary()))).toEqual([]);
  });

  it('validates and stays under the field limit for the huge incident', () => {
    const doc = renderJira(hugeSummary());
    expect(adfErrors(doc)).toEqual([]);
    expect(JSON.stringify(doc).length).toBeLessThanOrEqual(JIRA_BODY_BUDGET);
    expect(JSON.stringify(doc)).toMatch(/…and \d+ more log templates/);
  });

  it('validates a summary with empty strings everywhere (no empty text nodes)', () => {
    const empty = {
      ...openSummary(),
      remediation: [{ title: '', detail: '', command: '' }],
      links: [{ label: '', url: 'https://x' }],
      logExamples: [{ template: '', count: 1, example: '' }],
    };
    expect(adfErrors(renderJira(empty))).toEqual([]);
  });

  it('shows class, evidence and filled-in commands', () => {
    const json = JSON.stringify(renderJira(openSummary()));
    expect(json).toContain('"text":"INTEGRATION_TIMEOUT","marks":[{"type":"code"}]');
    expect(json).toContain('Execution failed due to a timeout error (×406)');
    expect(json).toContain(
      '{"type":"codeBlock","attrs":{"language":"shell"},"content":[{"type":"text","text":"aws lambda update-alias --region eu-west-1 --function-name orders-handler --name live --function-version 41"}]}',
    );
  });

  it('builds a one-line issue summary within 255 characters', () => {
    expect(jiraIssueSummary(openSummary())).toBe(
      '[apigw-responder] orders-api/prod: INTEGRATION_TIMEOUT (apigw-responder-orders-api-prod-5xx-rate)',
    );
    expect(jiraIssueSummary(hugeSummary()).length).toBeLessThanOrEqual(255);
  });

  it('explains why this class and not the runner-up right after the evidence', () => {
    // Act
    const doc = renderJira(explainedSummary());
    // Assert
    expect(adfErrors(doc)).toEqual([]);
    const headings = doc.content.filter((b) => b.type === 'heading');
    const evidence = doc.content.findIndex((b) => JSON.stringify(b).includes('"text":"Evidence"'));
    expect(doc.content[evidence + 2]).toEqual({
      type: 'heading',
      attrs: { level: 3 },
      content: [{ type: 'text', text: 'Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT' }],
    });
    expect(doc.content[evidence + 3]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Decided by:', marks: [{ type: 'strong' }] }],
    });
    const json = JSON.stringify(doc.content.slice(evidence + 3, evidence + 7));
    expect(json).toContain('timeout.integration-latency (metrics): IntegrationLatency max 29001 ms');
    expect(json).toContain('"text":"Would change the answer:"');
    expect(json).toContain('execution logging is off: turn it on to tell a timeout from a function error');
    expect(headings.length).toBeGreaterThan(1);
  });

  it('renders nothing new for a record without an explanation', () => {
    expect(JSON.stringify(renderJira(openSummary()))).not.toContain('Decided by');
  });

  it('keeps the worst-case incident with the worst-case explanation valid and under the field limit', () => {
    const doc = renderJira(hugelyExplained());
    expect(adfErrors(doc)).toEqual([]);
    expect(JSON.stringify(doc).length).toBeLessThanOrEqual(JIRA_BODY_BUDGET);
    const json = JSON.stringify(doc);
    expect(json).toContain('Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT');
    expect(json).not.toContain('long '.repeat(110));
  });
});
