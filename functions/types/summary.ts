/** The incident summary model (versioned JSON) the notifiers render. */
import type { Hypothesis, HypothesisExplanation } from './classification';
import type { ChangeFinding } from './findings';
import type { AlarmState, ApiRef } from './incident';
import type { Link, RemediationStep } from './remediation';

export const SUMMARY_SCHEMA_VERSION = 1 as const;

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What a notifier posts. Built once from incident + diagnosis + classification + remediation, then redacted. */
export interface IncidentSummary {
  readonly schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  /** Stable id per API/stage incident: the grouping key used for threads, dedup labels and dedup keys. */
  readonly incidentId: string;
  /** 'open' for the first ALARM, 'update' for later alarms of the same incident, 'resolved' for OK. */
  readonly kind: 'open' | 'update' | 'resolved';
  readonly state: AlarmState;
  readonly severity: Severity;
  readonly api: ApiRef;
  readonly region: string;
  readonly accountId: string;
  /** The account the API lives in, when not the alarm's (a cross-account metric alarm). */
  readonly apiAccountId?: string;
  readonly alarmName: string;
  readonly alarmArn: string;
  readonly stateChangeTime: string;
  /** Other alarms of the same incident ("also firing: p99 IntegrationLatency"). */
  readonly alsoFiring: readonly string[];
  readonly impact: {
    readonly errorRatePct: number | null;
    readonly errors5xx: number | null;
    readonly requests: number | null;
    readonly onset: string | null;
    readonly latencyMaxMs: number | null;
    readonly integrationLatencyMaxMs: number | null;
    /** Per-minute 5XX counts for the sparkline. */
    readonly errorSeries: readonly number[];
  };
  readonly leading: Hypothesis | null;
  readonly others: readonly Hypothesis[];
  readonly changes: readonly ChangeFinding[];
  readonly remediation: readonly RemediationStep[];
  readonly links: readonly Link[];
  /** Log templates to show as evidence, one redacted example each. */
  readonly logExamples: readonly { readonly template: string; readonly count: number; readonly example: string }[];
  readonly notChecked: readonly { readonly what: string; readonly why: string; readonly fix?: string }[];
  /** Probes the deadline cut short. */
  readonly unfinishedChecks: readonly string[];
  readonly diagnosisMs: number | null;
  /** For 'resolved': minutes from the incident's first ALARM to this OK. */
  readonly durationMinutes?: number;
  /** For the top two hypotheses: the deciding lines/signals and what evidence would change the answer. */
  readonly explanation?: readonly HypothesisExplanation[];
  /** The alarm's threshold, for the graph's annotation. */
  readonly alarmThreshold?: number;
  /** Another account's alarm acted on without CloudWatch's confirmation: why (Incident.alarmStateUnverified). */
  readonly alarmStateUnverified?: string;
}
