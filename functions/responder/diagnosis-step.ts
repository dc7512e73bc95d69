/**
 * The diagnosis, classification and remediation of an opening alarm, each allowed to fail: the
 * summary goes out without what did not finish rather than not at all. One exception: a read role
 * STS could not hand out for now (throttled, timed out) fails the first attempt, so Lambda retries
 * it and the incident gets its diagnosis instead of a summary that only says STS was busy; from
 * the retry on (cross-account/sts-wait.ts) it goes out with the diagnosis marked as not run.
 */
import { readRoleUnavailableDiagnosis } from '../cross-account/cross-account-diagnosis';
import { ReadRoleUnavailableError } from '../cross-account/read-role-sessions';
import { stsWaitOver } from '../cross-account/sts-wait';
import type { Classification, Diagnosis, Incident, Remediation } from '../types';
import { errorText } from './errors';
import { METRICS } from './metric-names';
import type { ResponderDeps } from './ports';

export interface DiagnosisFindings {
  readonly diagnosis: Diagnosis | undefined;
  readonly classification: Classification | undefined;
  readonly remediation: Remediation | undefined;
}

/** A diagnosis that overran its deadline: every probe counts as unfinished, the summary says so. */
function overrun(deps: ResponderDeps, incident: Incident, started: number): Diagnosis {
  const durationMs = deps.now() - started;
  return {
    incident,
    findings: [],
    probes: deps.probes.map((probe) => ({ probe, status: 'timed-out', durationMs, awsCalls: [] })),
    startedAt: new Date(started).toISOString(),
    durationMs,
    cutShort: true,
  };
}

/**
 * Runs the diagnosis within the deadline, then classifies and remediates it. Throws only
 * ReadRoleUnavailableError, and only while the event's `attempt` may still wait for STS.
 */
export async function diagnoseSafely(
  deps: ResponderDeps,
  incident: Incident,
  deadline: number,
  attempt: number,
): Promise<DiagnosisFindings> {
  const { log, metrics, settings } = deps;
  const started = deps.now();
  let diagnosis: Diagnosis | undefined;
  let timer: NodeJS.Timeout | undefined;
  // The engine keeps its own deadline; this bounds an engine that does not, so a slow probe never costs the summary.
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, deadline - started) + settings.diagnosisGraceMs);
  });
  try {
    const result = await Promise.race([deps.diagnose(incident, { deadline }), late]);
    if (result === 'late') {
      log.error('diagnosis overran its deadline; the summary goes out without it', { deadline });
      diagnosis = overrun(deps, incident, started);
    } else {
      diagnosis = result;
    }
  } catch (error) {
    if (error instanceof ReadRoleUnavailableError) {
      if (!stsWaitOver(attempt, incident.stateChangeTime, deps.now())) throw error;
      log.warn('read role still unavailable: the opening goes out with its diagnosis marked as not run', {
        accountId: error.account,
        attempt,
        reason: error.reason,
      });
      diagnosis = readRoleUnavailableDiagnosis(incident, deps.probes, error);
    } else {
      log.error('diagnosis failed; the summary goes out without it', { error: errorText(error) });
    }
  } finally {
    clearTimeout(timer);
  }
  metrics.milliseconds(METRICS.diagnosisDuration, diagnosis?.durationMs ?? deps.now() - started);
  if (diagnosis?.cutShort) {
    const unfinished = diagnosis.probes.filter((p) => p.status === 'timed-out').map((p) => p.probe);
    log.warn('diagnosis cut short by the deadline', { unfinished });
  }
  let classification: Classification | undefined;
  let remediation: Remediation | undefined;
  if (diagnosis !== undefined) {
    try {
      classification = await deps.classify(diagnosis);
      // The diagnosed incident: a REST API watched by name now carries its resolved id.
      remediation = await deps.remediate(diagnosis.incident, classification, diagnosis);
    } catch (error) {
      log.error('classification or remediation failed; the summary goes out without it', { error: errorText(error) });
    }
  }
  if (classification !== undefined) metrics.count(METRICS.incidentsByClass, { class: classification.class });
  return { diagnosis, classification, remediation };
}
