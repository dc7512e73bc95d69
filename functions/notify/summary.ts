/**
 * The incident summary model: built once from incident + diagnosis + classification +
 * remediation, redacted here at the boundary, then rendered by each destination.
 */
import type {
  ChangeFinding,
  Classification,
  CouldNotCheckFinding,
  Diagnosis,
  Hypothesis,
  Incident,
  IncidentSummary,
  LogTemplateFinding,
  MetricsFinding,
  Remediation,
} from '../types';
import { SUMMARY_SCHEMA_VERSION } from '../types';
import { apiAccount } from '../incidents/incident-keys';
import { withDefaultLinks } from './default-links';
import type { RedactionOptions } from '../redact';
import { redactSummary } from './redact-summary';
import { severityOf } from './severity';

export interface SummaryInput {
  readonly incident: Incident;
  readonly kind: IncidentSummary['kind'];
  readonly incidentId: string;
  readonly diagnosis?: Diagnosis;
  readonly classification?: Classification;
  readonly remediation?: Remediation;
  readonly alsoFiring?: readonly string[];
  readonly durationMinutes?: number;
  /** For 'resolved': the incident's opening summary, whose diagnosis the resolution keeps. */
  readonly opening?: IncidentSummary;
  /** The deployment's and the API's redaction options (client IPs, quoted bodies). @default mask IPs, describe bodies */
  readonly redaction?: RedactionOptions;
}

function findingsOf<T extends { type: string }>(diagnosis: Diagnosis | undefined, type: T['type']): T[] {
  return (diagnosis?.findings ?? []).filter((f): f is typeof f & T => f.type === type);
}

function impactOf(metrics: MetricsFinding | undefined): IncidentSummary['impact'] {
  return {
    errorRatePct: metrics?.errorRatePct ?? null,
    errors5xx: metrics?.total5xx ?? null,
    requests: metrics?.totalRequests ?? null,
    onset: metrics?.onset ?? null,
    latencyMaxMs: metrics?.latencyMaxMs ?? null,
    integrationLatencyMaxMs: metrics?.integrationLatencyMaxMs ?? null,
    errorSeries: metrics?.errors5xx ?? [],
  };
}

function hypothesesOf(classification: Classification | undefined): {
  leading: Hypothesis | null;
  others: Hypothesis[];
} {
  if (classification === undefined) return { leading: null, others: [] };
  const [first, ...rest] = classification.hypotheses;
  if (first !== undefined && first.class === classification.class) return { leading: first, others: rest };
  const leading: Hypothesis = {
    class: classification.class,
    confidence: classification.confidence,
    evidence: classification.evidence,
  };
  return { leading, others: classification.hypotheses.filter((h) => h.class !== classification.class) };
}

function notCheckedOf(
  diagnosis: Diagnosis | undefined,
  classification: Classification | undefined,
): IncidentSummary['notChecked'] {
  const fromProbes = findingsOf<CouldNotCheckFinding>(diagnosis, 'could-not-check').map((f) =>
    f.fix === undefined ? { what: f.what, why: f.why } : { what: f.what, why: f.why, fix: f.fix },
  );
  // The classifier restates each could-not-check finding as "what: why (fix)"; list it once.
  const missing = (classification?.missing ?? [])
    .filter((what) => !fromProbes.some((n) => what === n.what || what.startsWith(`${n.what}: `)))
    .map((what) => ({ what, why: 'not available to the classifier' }));
  return [...fromProbes, ...missing];
}

export function buildSummary(input: SummaryInput): IncidentSummary {
  const { incident, diagnosis, classification, remediation } = input;
  const metrics = findingsOf<MetricsFinding>(diagnosis, 'metrics')[0];
  const impact = impactOf(metrics);
  const { leading, others } = hypothesesOf(classification);
  const logExamples = findingsOf<LogTemplateFinding>(diagnosis, 'log-template')
    .sort((a, b) => b.count - a.count)
    .map((f) => ({ template: f.template, count: f.count, example: f.example }));
  const summary: IncidentSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    incidentId: input.incidentId,
    kind: input.kind,
    state: incident.state,
    severity: severityOf(incident.state, impact.errorRatePct),
    api: incident.api,
    region: incident.region,
    accountId: incident.accountId,
    ...(apiAccount(incident) === incident.accountId ? {} : { apiAccountId: apiAccount(incident) }),
    alarmName: incident.alarmName,
    alarmArn: incident.alarmArn,
    stateChangeTime: incident.stateChangeTime,
    alsoFiring: input.alsoFiring ?? [],
    impact,
    leading,
    others,
    changes: findingsOf<ChangeFinding>(diagnosis, 'change').sort((a, b) => a.at.localeCompare(b.at)),
    remediation: remediation?.steps ?? [],
    links: remediation?.links ?? [],
    logExamples,
    notChecked: notCheckedOf(diagnosis, classification),
    unfinishedChecks: (diagnosis?.probes ?? []).filter((p) => p.status === 'timed-out').map((p) => p.probe),
    diagnosisMs: diagnosis?.durationMs ?? null,
    ...(input.durationMinutes === undefined ? {} : { durationMinutes: input.durationMinutes }),
    ...(classification?.explanation === undefined ? {} : { explanation: classification.explanation }),
    ...(incident.metric.threshold === undefined ? {} : { alarmThreshold: incident.metric.threshold }),
    ...(incident.alarmStateUnverified === undefined ? {} : { alarmStateUnverified: incident.alarmStateUnverified }),
  };
  const redacted = redactSummary(summary, input.redaction);
  // Built after redaction: URL-encoding would hide a secret in the alarm name from the patterns.
  const built = { ...redacted, links: withDefaultLinks(redacted, redacted.links) };
  return input.opening === undefined ? built : withOpeningDiagnosis(built, input.opening);
}

/**
 * A resolution keeps what the opening message said (impact, cause, evidence, fix), so the thread's
 * parent, updated to RESOLVED, still shows the diagnosis; state, time and duration are the OK's.
 */
function withOpeningDiagnosis(resolution: IncidentSummary, opening: IncidentSummary): IncidentSummary {
  const { api, severity, impact, leading, others, changes, remediation, links, logExamples } = opening;
  const { notChecked, unfinishedChecks, diagnosisMs, explanation } = opening;
  // The explanation goes with the cause it explains: the opening's, or none.
  const { explanation: _own, ...rest } = resolution;
  return {
    ...rest,
    ...{ api, severity, impact, leading, others, changes, remediation, links, logExamples },
    ...{ notChecked, unfinishedChecks, diagnosisMs },
    ...(explanation === undefined ? {} : { explanation }),
  };
}
