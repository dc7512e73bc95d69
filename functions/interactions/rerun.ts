/**
 * "Re-run diagnosis": a fresh look at the opening alarm's API stage over the last minutes, through
 * the responder's own pipeline (its probes, health check, read scope, classifier hint and
 * redaction), as an update summary for the incident's thread.
 */
import type { DiagnosisPipeline } from '../responder/diagnosis-pipeline';
import type { Incident, IncidentSummary } from '../types';

/** How far back a re-run looks. */
const RERUN_WINDOW_MS = 15 * 60_000;
const RERUN_DEADLINE_MS = 40_000;

export async function rerunDiagnosis(
  pipeline: DiagnosisPipeline,
  opening: IncidentSummary,
  nowMs: number,
): Promise<IncidentSummary> {
  const incident: Incident = {
    alarmName: opening.alarmName,
    alarmArn: opening.alarmArn,
    state: 'ALARM',
    stateChangeTime: new Date(nowMs).toISOString(),
    region: opening.region,
    accountId: opening.accountId,
    api: opening.api,
    // A cross-account metric alarm's API lives in the metric's account: diagnose it there.
    metric: opening.apiAccountId === undefined ? {} : { accountId: opening.apiAccountId },
    window: { start: new Date(nowMs - RERUN_WINDOW_MS).toISOString(), end: new Date(nowMs).toISOString() },
    source: 'cli',
  };
  const diagnosis = await pipeline.diagnose(incident, { deadline: nowMs + RERUN_DEADLINE_MS });
  const classification = await pipeline.classify(diagnosis);
  // The diagnosed incident: a REST API watched by name now carries its resolved id.
  const remediation = await pipeline.remediate(diagnosis.incident, classification, diagnosis);
  return pipeline.buildSummary({
    incident: diagnosis.incident,
    kind: 'update',
    incidentId: opening.incidentId,
    diagnosis,
    classification,
    ...(remediation === undefined ? {} : { remediation }),
  });
}
