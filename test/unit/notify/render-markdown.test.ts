import { renderMarkdown } from '../../../functions/notify/render-markdown';
import { hugeSummary, openSummary, resolvedSummary } from './support/summaries';

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
});
