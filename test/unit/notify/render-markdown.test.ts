import { renderMarkdown } from '../../../functions/notify/render-markdown';
import { truncate } from '../../../functions/notify/truncate';
import { explainedSummary, hugelyExplained, hugeSummary, openSummary, resolvedSummary } from './support/summaries';

describe('renderMarkdown', () => {
  it('shows class, evidence and filled-in commands', () => {
    const md = renderMarkdown(openSummary());
    expect(md.startsWith('# ALARM · orders-api/prod · INTEGRATION_TIMEOUT\n')).toBe(true);
    expect(md).toContain(
      '**Root cause:** `INTEGRATION_TIMEOUT` Integration timed out (91% confidence, integration latency at the 29 s limit)',
    );
    expect(md).toContain('- Execution failed due to a timeout error (×406)');
    expect(md).toContain(
      '2. **Roll back the function update made at 11:57** — Version 42 went out 6 minutes before the first timeout.\n   ```sh\n   aws lambda update-alias --region eu-west-1 --function-name orders-handler --name live --function-version 41\n   ```',
    );
    expect(md).toContain('- [Logs Insights query](https://');
  });

  it('leads a resolved summary with the duration', () => {
    expect(renderMarkdown(resolvedSummary())).toContain('**Resolved after 26 min: alarm OK at 2024-05-01 12:29 UTC.**');
  });

  it('caps long lists for the huge incident', () => {
    expect(renderMarkdown(hugeSummary())).toContain('…and 350 more log templates');
  });

  it('explains why this class and not the runner-up right after the evidence', () => {
    const md = renderMarkdown(explainedSummary());
    expect(md).toContain(
      [
        '- status 504 with integrationError INTEGRATION_TIMEOUT (×412)',
        '',
        '## Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT',
        '',
        '**Decided by:**',
        '- timeout.execution-log (execution-log, ×406): Execution failed due to a timeout error',
        '- timeout.integration-latency (metrics): IntegrationLatency max 29001 ms = the integration timeout (29000 ms)',
        '- timeout.status (access-log, ×412): status 504 with integrationError INTEGRATION_TIMEOUT',
        '',
        '**Would change the answer:**',
        '- LAMBDA_TIMEOUT would lead instead on the function log\'s "Task timed out after N seconds" or a REPORT Duration equal to the function timeout',
        '- execution logging is off: turn it on to tell a timeout from a function error',
        '',
        '## Log templates (one redacted example each)',
      ].join('\n'),
    );
  });

  it('keeps the section within what an OpsItem description holds (2,048 characters) for the recorded incident', () => {
    // The OpsItem notifier sends this Markdown cut to 2,048 characters.
    expect(truncate(renderMarkdown(explainedSummary()), 2048)).toContain(
      '- execution logging is off: turn it on to tell a timeout from a function error',
    );
  });

  it('cuts each line of the section to 300 characters, three per list', () => {
    const md = renderMarkdown(hugelyExplained(openSummary()));
    const section = md.slice(md.indexOf('## Why'), md.indexOf('## Log templates'));
    const items = section.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(6);
    expect(items.every((l) => l.length <= 302)).toBe(true);
  });

  it('renders nothing new for a record without an explanation', () => {
    expect(renderMarkdown(openSummary())).not.toContain('## Why');
  });
});
