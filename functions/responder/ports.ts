/**
 * What the orchestration needs from the outside world, as small interfaces: the Lambda wires the
 * real modules (lazily imported), the unit tests inject fakes.
 */
import type { SummaryInput } from '../notify/summary';
import type { IncidentStore } from '../incidents/store';
import type { MaintenanceWindow } from '../suppression/maintenance-windows';
import type { ProvenanceGate } from '../provenance/gate';
import type { MuteStore } from '../suppression/mutes';
import type {
  Classification,
  DeliveryResult,
  DestinationName,
  DestinationRef,
  Diagnosis,
  Incident,
  IncidentSummary,
  ProbeName,
  Remediation,
  SendContext,
} from '../types';

/** What the responder asks the summary builder for (the notify module's own input type). */
export type SummaryRequest = SummaryInput;

export type DestinationRefs = Partial<Record<DestinationName, DestinationRef>>;

export interface ResponderLog {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export interface ResponderMetrics {
  /** A count, optionally under its own dimensions (a separate metric per dimension set). */
  count(name: string, dimensions?: Readonly<Record<string, string>>): void;
  milliseconds(name: string, value: number): void;
}

export interface ResponderSettings {
  /** A resolved incident re-opens when its API fires again within this time. */
  readonly groupingWindowMs: number;
  /** Kept after the diagnosis for building and delivering the summary. */
  readonly notifyReserveMs: number;
  /** Kept at the very end of the invocation to record what was delivered. @default 2000 */
  readonly recordReserveMs: number;
  /** How long a reply waits for the incident's opening message to be posted. @default 10000 */
  readonly refWaitMs: number;
  /** @default 500 */
  readonly refPollMs: number;
  /** @default 24 h */
  readonly openIdleMaxMs: number;
  /** @default 15 min */
  readonly collectingStaleMs: number;
  /** How long after the diagnosis deadline the responder still waits for it. @default 500 */
  readonly diagnosisGraceMs: number;
  /** Length of an event lease; renewed every third of it while the work proceeds. @default 15000 */
  readonly leaseMs: number;
  /** Minimum time between two edits of an incident's parent message ("also firing"). @default 3000 */
  readonly parentEditIntervalMs: number;
  /** Slack allows about one message per second per channel. @default 1100 */
  readonly slackIntervalMs: number;
  /** The pace key of the Slack channel (bot: the channel; webhook: the webhook). */
  readonly slackChannel: string;
}

export interface ResponderDeps {
  readonly store: IncidentStore;
  /** The configured destinations, in delivery order. */
  readonly destinations: readonly DestinationName[];
  /** The probes the diagnosis runs: named as unfinished when the diagnosis overruns its deadline. */
  readonly probes: readonly ProbeName[];
  /** Must return by the deadline; the responder stops waiting shortly after it anyway. */
  readonly diagnose: (incident: Incident, options: { readonly deadline: number }) => Promise<Diagnosis>;
  readonly classify: (diagnosis: Diagnosis) => Promise<Classification>;
  readonly remediate: (
    incident: Incident,
    classification: Classification,
    diagnosis: Diagnosis,
  ) => Promise<Remediation | undefined>;
  readonly buildSummary: (request: SummaryRequest) => Promise<IncidentSummary>;
  /** Never throws: one result per destination (the deliverAll contract). */
  readonly deliver: (
    summary: IncidentSummary,
    refs: DestinationRefs,
    options: {
      readonly deadline: number;
      readonly only: readonly DestinationName[];
      readonly context?: (destination: DestinationName) => SendContext;
    },
  ) => Promise<readonly DeliveryResult[]>;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: ResponderLog;
  readonly metrics: ResponderMetrics;
  readonly settings: ResponderSettings;
  /** When incidents are posted quietly or not at all (consulted after grouping, before delivery). @default none */
  readonly maintenanceWindows?: readonly MaintenanceWindow[];
  /**
   * The trust boundary (functions/provenance/): decides, before the lease and any AWS call of the
   * lifecycle, which notifications are genuine. The Lambda always wires it; tests of the lifecycle
   * alone may leave it out.
   */
  readonly provenance?: ProvenanceGate;
  /** Mutes set from Slack (functions/suppression/mutes.ts); none when absent. */
  readonly mutes?: MuteStore;
}

export const DEFAULT_SETTINGS: Omit<ResponderSettings, 'groupingWindowMs' | 'notifyReserveMs' | 'slackChannel'> = {
  recordReserveMs: 2_000,
  refWaitMs: 10_000,
  refPollMs: 500,
  openIdleMaxMs: 24 * 60 * 60_000,
  collectingStaleMs: 15 * 60_000,
  diagnosisGraceMs: 500,
  slackIntervalMs: 1_100,
  leaseMs: 15_000,
  parentEditIntervalMs: 3_000,
};
