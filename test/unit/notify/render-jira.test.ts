import {
  jiraIssueSummary,
  JIRA_BODY_BUDGET,
  renderJira,
  renderJiraResolvedComment,
} from '../../../functions/notify/render-jira';
import { adfErrors } from './support/adf-validator';
import { fixtureNames, hugeSummary, loadFixture, openSummary, resolvedSummary } from './support/summaries';

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
});
