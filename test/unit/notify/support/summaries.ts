import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { explainTopTwo } from '../../../../functions/classifier/explain';
import type { Incident, IncidentSummary } from '../../../../functions/types';

export const FIXTURE_DIR = join(__dirname, '../../../fixtures/summaries');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json'));
}

export function loadFixture(name: string): IncidentSummary {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as IncidentSummary;
}

export const openSummary = (): IncidentSummary => loadFixture('integration-timeout.json');
export const updateSummary = (): IncidentSummary => ({
  ...openSummary(),
  kind: 'update',
  stateChangeTime: '2024-05-01T12:14:00.000Z',
  alsoFiring: ['apigw-responder-orders-api-prod-latency-p99'],
});
/** A missing signal as the classifier reports it (issue #15's example). */
export const EXECUTION_LOGGING_OFF = 'execution logging is off: turn it on to tell a timeout from a function error';

/** A summary as a new record carries it: with the classifier's own explanation (explain.ts) of its hypotheses. */
export function explainedSummary(
  base: IncidentSummary = openSummary(),
  missing = [EXECUTION_LOGGING_OFF],
): IncidentSummary {
  const hypotheses = base.leading === null ? base.others : [base.leading, ...base.others];
  return { ...base, explanation: explainTopTwo({ hypotheses, missing }) };
}

export const resolvedSummary = (): IncidentSummary => loadFixture('integration-timeout-resolved.json');

/** Hundreds of templates, very long lines, many steps and links: the worst a message can be. */
export function hugeSummary(): IncidentSummary {
  const base = openSummary();
  const long = (n: number, seed: string): string => `${seed} `.repeat(Math.ceil(n / (seed.length + 1))).slice(0, n);
  return {
    ...base,
    alarmName: long(600, 'very-long-alarm-name'),
    api: { ...base.api, name: long(400, 'api') },
    alsoFiring: Array.from({ length: 40 }, (_, i) => `also-firing-${i}-${long(80, 'x')}`),
    impact: { ...base.impact, errorSeries: Array.from({ length: 600 }, (_, i) => (i * 37) % 101) },
    leading:
      base.leading === null
        ? null
        : {
            ...base.leading,
            subCause: long(900, 'sub'),
            evidence: Array.from({ length: 300 }, (_, i) => ({
              rule: `r${i}`,
              source: 'execution-log' as const,
              text: long(700, `evidence <${i}> & more`),
              count: i,
            })),
          },
    others: Array.from({ length: 11 }, (_, i) => ({ class: 'UNKNOWN' as const, confidence: i / 20, evidence: [] })),
    changes: Array.from({ length: 120 }, (_, i) => ({ ...base.changes[0]!, resource: long(300, `fn-${i}`) })),
    remediation: Array.from({ length: 60 }, (_, i) => ({
      title: long(400, `step ${i}`),
      detail: long(2000, 'detail'),
      command: long(5000, `aws lambda update --x ${i} \`\`\``),
    })),
    links: Array.from({ length: 40 }, (_, i) => ({
      label: long(120, `link ${i}`),
      url: `https://example.com/${i}?q=${long(i === 3 ? 4000 : 50, 'q')}`,
    })),
    logExamples: Array.from({ length: 400 }, (_, i) => ({
      template: long(2000, `template ${i} <n>`),
      count: 1000 - i,
      example: long(9000, `(8c3e9a52) line ${i} <script> & "quoted"`),
    })),
    notChecked: Array.from({ length: 80 }, (_, i) => ({
      what: long(200, `check ${i}`),
      why: long(800, 'because'),
      fix: long(500, 'fix'),
    })),
    unfinishedChecks: ['traces', 'changes', 'http-backend'],
  };
}

/** The worst explanation a record can carry: many long lines, Markdown and mrkdwn control characters. */
export function hugelyExplained(base: IncidentSummary = hugeSummary()): IncidentSummary {
  const line = (i: number): string =>
    `rule.${i} (execution-log, ×${i}): <script> & *bold* _x_ \`\`\` ${'long '.repeat(1000)}`;
  const lead = base.leading?.class ?? 'UNKNOWN';
  return {
    ...base,
    explanation: [
      {
        class: lead,
        confidence: base.leading?.confidence ?? 0,
        decidedBy: Array.from({ length: 12 }, (_, i) => line(i)),
        wouldChange: Array.from({ length: 12 }, (_, i) => line(100 + i)),
      },
      { class: 'LAMBDA_TIMEOUT', confidence: 0.2, decidedBy: [line(200)], wouldChange: [line(201)] },
    ],
  };
}

export function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    alarmName: 'orders-api-prod-5xx',
    alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-api-prod-5xx',
    state: 'ALARM',
    stateChangeTime: '2024-05-01T12:06:00.000Z',
    region: 'eu-west-1',
    accountId: '123456789012',
    api: { kind: 'REST', id: 'a1b2c3d4e5', name: 'orders-api', stage: 'prod' },
    metric: { namespace: 'AWS/ApiGateway', metricName: '5XXError', statistic: 'Sum', periodSeconds: 60, threshold: 5 },
    window: { start: '2024-05-01T11:51:00.000Z', end: '2024-05-01T12:06:00.000Z' },
    source: 'sns',
    ...overrides,
  };
}
