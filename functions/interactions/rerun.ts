/**
 * "Re-run diagnosis": a fresh look at the opening alarm's API stage over the last minutes, through
 * the responder's own pipeline (its probes, health check, read scope, classifier hint and
 * redaction), as an update summary for the incident's thread.
 */
import { readRoleUnavailableDiagnosis } from '../cross-account/cross-account-diagnosis';
import { ReadRoleUnavailableError } from '../cross-account/read-role-sessions';
import type { DiagnosisPipeline } from '../responder/diagnosis-pipeline';
import type { Diagnosis, Incident, IncidentSummary } from '../types';

/** How far back a re-run looks. */
const RERUN_WINDOW_MS = 15 * 60_000;
const RERUN_DEADLINE_MS = 40_000;

/**
 * A read role STS cannot hand out fails the work item so its queue delivers it again; on the last
 * receive (`lastReceive`) the thread gets the summary with "diagnosis not run: read role
 * unavailable ..." instead, so the engineer who pressed the button is not left with silence.
 */
export async function rerunDiagnosis(
  pipeline: DiagnosisPipeline,
  opening: IncidentSummary,
  nowMs: number,
  lastReceive = false,
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
  let diagnosis: Diagnosis;
  try {
    diagnosis = await pipeline.diagnose(incident, { deadline: nowMs + RERUN_DEADLINE_MS });
  } catch (error) {
    if (!(error instanceof ReadRoleUnavailableError) || !lastReceive) throw error;
    diagnosis = readRoleUnavailableDiagnosis(incident, [], error);
  }
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
