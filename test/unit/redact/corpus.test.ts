import { loadCorpus, outputsOf, summaryOf, survivors } from './support/corpus';

const corpus = loadCorpus();

describe('the redaction corpus through the real summary → Slack / Jira / Teams / markdown / PagerDuty path', () => {
  it('holds realistic lines with planted values', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
    for (const line of corpus) for (const value of line.planted) expect(line.line).toContain(value);
  });

  it('no planted value survives in any output', () => {
    // Arrange
    const summary = summaryOf(corpus);
    // Act
    const found = survivors(corpus, outputsOf(summary));
    // Assert
    expect(found).toEqual([]);
  });

  it('no planted value survives with bodies quoted (per-API quoteBodies: true): keys and shapes alone hide them', () => {
    // Arrange
    const summary = summaryOf(corpus, { quoteBodies: true });
    // Act
    const found = survivors(corpus, outputsOf(summary));
    // Assert
    expect(found).toEqual([]);
  });

  it('client IPs stay when the deployment keeps them (clientIps: keep), and only they', () => {
    // Act
    const found = survivors(corpus, outputsOf(summaryOf(corpus, { clientIps: 'keep' })));
    // Assert
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => /: \d+\.\d+\.\d+\.\d+ in /.test(f))).toBe(true);
  });

  it.each(corpus.map((l) => [l.id, l] as const))('%s: keeps the log message readable', (_id, line) => {
    // Act
    const summary = summaryOf([line]);
    // Assert: in the example line and in the rendered markdown
    expect(summary.logExamples[0]?.example).toContain(line.message);
    expect(outputsOf(summary).markdown).toContain(line.message);
  });

  it.each(corpus.map((l) => [l.id, l] as const))('%s: shows the redacted line in the "Why" section', (_id, line) => {
    // Act
    const summary = summaryOf([line]);
    const markdown = outputsOf(summary).markdown ?? '';
    // Assert: the deciding line as redacted at the boundary (its start: the section cuts long lines)
    const why = markdown.slice(
      markdown.indexOf('## Why LAMBDA_FUNCTION_ERROR (80%)'),
      markdown.indexOf('## Log templates'),
    );
    const redacted = summary.explanation?.[0]?.decidedBy[0] ?? 'missing';
    expect(redacted).not.toBe(`corpus (${line.source}): ${line.line}`);
    expect(why).toContain(`**Decided by:**\n- ${redacted.slice(0, 200)}`);
  });
});
