/** The diagnosis result: the findings of one incident and how each probe ran. */
import type { LogCoverage, Finding, ProbeName } from './findings';
import type { Incident } from './incident';

export type ProbeStatus = 'ok' | 'failed' | 'timed-out' | 'skipped';

export interface ProbeRun {
  readonly probe: ProbeName;
  readonly status: ProbeStatus;
  readonly durationMs: number;
  /** AWS operations made, as "Service.Operation" (e.g. "CloudWatchLogs.FilterLogEvents"). */
  readonly awsCalls: readonly string[];
  readonly error?: string;
  /** Log groups the probe read, each with how much of it (everything or a sample). */
  readonly coverage?: readonly LogCoverage[];
}

export interface Diagnosis {
  readonly incident: Incident;
  readonly findings: readonly Finding[];
  readonly probes: readonly ProbeRun[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** True when the deadline cut at least one probe short. */
  readonly cutShort: boolean;
}
