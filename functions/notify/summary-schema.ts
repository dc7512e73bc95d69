/**
 * Runtime check of an IncidentSummary read from outside (a file for `render --from`, a webhook
 * receiver): the TypeScript type says what we build, this says what we accept.
 */
import { z } from 'zod';
import type { IncidentSummary } from '../types';
import { ALARM_STATES, API_KINDS, ROOT_CAUSE_CLASSES, SUMMARY_SCHEMA_VERSION } from '../types';

const evidence = z.object({
  rule: z.string(),
  source: z.enum([
    'execution-log',
    'access-log',
    'lambda-log',
    'client',
    'unknown',
    'metrics',
    'config',
    'backend',
    'traces',
    'changes',
  ]),
  text: z.string(),
  count: z.number().optional(),
});

const hypothesis = z.object({
  class: z.enum(ROOT_CAUSE_CLASSES),
  confidence: z.number().min(0).max(1),
  evidence: z.array(evidence),
  subCause: z.string().optional(),
});

const explanation = z.object({
  class: z.enum(ROOT_CAUSE_CLASSES),
  confidence: z.number().min(0).max(1),
  decidedBy: z.array(z.string()),
  wouldChange: z.array(z.string()),
});

const change = z.object({
  type: z.literal('change'),
  probe: z.literal('changes'),
  summary: z.string(),
  at: z.string(),
  what: z.enum(['deployment', 'stage-update', 'function-update', 'cloudtrail']),
  resource: z.string(),
  actor: z.string().optional(),
  description: z.string().optional(),
});

const nullableNumber = z.number().nullable();

export const incidentSummarySchema = z.object({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  incidentId: z.string().min(1),
  kind: z.enum(['open', 'update', 'resolved']),
  state: z.enum(ALARM_STATES),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  api: z.object({ kind: z.enum(API_KINDS), id: z.string().optional(), name: z.string().optional(), stage: z.string() }),
  region: z.string(),
  accountId: z.string(),
  apiAccountId: z.string().optional(),
  alarmName: z.string(),
  alarmArn: z.string(),
  stateChangeTime: z.string(),
  alsoFiring: z.array(z.string()),
  impact: z.object({
    errorRatePct: nullableNumber,
    errors5xx: nullableNumber,
    requests: nullableNumber,
    onset: z.string().nullable(),
    latencyMaxMs: nullableNumber,
    integrationLatencyMaxMs: nullableNumber,
    errorSeries: z.array(z.number()),
  }),
  leading: hypothesis.nullable(),
  others: z.array(hypothesis),
  changes: z.array(change),
  remediation: z.array(z.object({ title: z.string(), detail: z.string().optional(), command: z.string().optional() })),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  logExamples: z.array(z.object({ template: z.string(), count: z.number(), example: z.string() })),
  notChecked: z.array(z.object({ what: z.string(), why: z.string(), fix: z.string().optional() })),
  unfinishedChecks: z.array(z.string()),
  diagnosisMs: nullableNumber,
  durationMinutes: z.number().optional(),
  explanation: z.array(explanation).optional(),
  alarmThreshold: z.number().optional(),
  alarmStateUnverified: z.string().optional(),
});

/** The parsed summary, or the list of problems ("impact.errorSeries: expected array"). */
export function parseSummary(
  value: unknown,
): { ok: true; summary: IncidentSummary } | { ok: false; problems: string[] } {
  const result = incidentSummarySchema.safeParse(value);
  if (result.success) return { ok: true, summary: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
}
