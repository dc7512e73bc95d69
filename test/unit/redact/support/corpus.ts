/**
 * The redaction corpus (test/fixtures/redaction/corpus.jsonl): realistic API Gateway execution-log
 * data-trace lines, access-log lines and backend Lambda log lines with planted secrets and personal
 * data, rendered through the real summary → Slack / Jira / Teams / markdown / PagerDuty path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSummary } from '../../../../functions/notify/summary';
import { pagerDutyEvent } from '../../../../functions/notify/pagerduty-notifier';
import { renderJira } from '../../../../functions/notify/render-jira';
import { renderMarkdown } from '../../../../functions/notify/render-markdown';
import { renderSlack } from '../../../../functions/notify/render-slack';
import { renderTeamsCard } from '../../../../functions/notify/render-teams';
import type { Finding, IncidentSummary, LogSource } from '../../../../functions/types';
import { incident } from '../../notify/support/summaries';

export interface CorpusLine {
  readonly id: string;
  readonly source: LogSource;
  readonly line: string;
  /** Values that must not survive in any output. */
  readonly planted: readonly string[];
  /** The API Gateway (or function) message that must survive. */
  readonly message: string;
}

export function loadCorpus(): CorpusLine[] {
  return readFileSync(join(__dirname, '../../../fixtures/redaction/corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);
}

/** The forms a value can take in an output: as is, JSON-escaped, HTML-escaped, URL-encoded. */
export function formsOf(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const html = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [...new Set([value, json, html, encodeURIComponent(value)])];
}

/**
 * One summary holding every line as a log example, as classifier evidence and as a line that
 * decided the class in its explanation ("Why …"), worst case: unredacted input.
 */
export function summaryOf(
  lines: readonly CorpusLine[],
  options: Parameters<typeof buildSummary>[0]['redaction'] = undefined,
): IncidentSummary {
  const findings: Finding[] = lines.map((l, i) => ({
    type: 'log-template',
    probe: 'execution-logs',
    summary: l.line,
    source: l.source,
    template: l.line,
    count: lines.length - i,
    example: l.line,
    requestIds: [],
  }));
  return buildSummary({
    incident: incident(),
    kind: 'open',
    incidentId: 'inc-corpus',
    diagnosis: {
      incident: incident(),
      findings,
      probes: [],
      startedAt: '2024-05-01T12:06:00.000Z',
      durationMs: 1000,
      cutShort: false,
    },
    classification: {
      class: 'LAMBDA_FUNCTION_ERROR',
      confidence: 0.8,
      hypotheses: [],
      evidence: lines.map((l) => ({ rule: 'corpus', source: l.source, text: l.line })),
      explanation: [
        {
          class: 'LAMBDA_FUNCTION_ERROR',
          confidence: 0.8,
          decidedBy: lines.map((l) => `corpus (${l.source}): ${l.line}`),
          wouldChange: lines.map((l) => `a line unlike ${l.line}`),
        },
      ],
    },
    ...(options === undefined ? {} : { redaction: options }),
  });
}

/** Every output a destination would receive. */
export function outputsOf(summary: IncidentSummary): Record<string, string> {
  return {
    slack: JSON.stringify(renderSlack(summary)),
    jira: JSON.stringify(renderJira(summary)),
    teams: JSON.stringify(renderTeamsCard(summary)),
    markdown: renderMarkdown(summary),
    pagerduty: JSON.stringify(pagerDutyEvent(summary, 'routing-key')),
    summary: JSON.stringify(summary),
  };
}

/** "<line id>: <planted value> in <outputs>" for every planted value found in some output. */
export function survivors(lines: readonly CorpusLine[], outputs: Record<string, string>): string[] {
  const found: string[] = [];
  for (const line of lines) {
    for (const value of line.planted) {
      const where = Object.entries(outputs)
        .filter(([, text]) => formsOf(value).some((form) => text.includes(form)))
        .map(([name]) => name);
      if (where.length > 0) found.push(`${line.id}: ${value} in ${where.join(', ')}`);
    }
  }
  return found;
}
