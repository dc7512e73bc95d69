import { loadCorpus, outputsOf, summaryOf, survivors } from './support/corpus';

const corpus = loadCorpus();

describe('the redaction corpus through the real summary → Slack / Jira / markdown path', () => {
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
});
