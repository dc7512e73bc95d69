/**
 * The engine: all probes in parallel, each under its own timeout and all under one deadline. A
 * probe that fails or runs out of time becomes a "could not check" finding; the rest go on. The
 * result records each probe's status, duration and AWS calls, and findings in registry order.
 */
import { setMaxListeners } from 'node:events';
import type {
  CouldNotCheckFinding,
  Diagnosis,
  Finding,
  Incident,
  LogCoverage,
  ProbeName,
  ProbeRun,
  ProbeStatus,
} from '../types';
import { DEFAULT_DEEP_DIVE } from './backend-ranking';
import { AbortedError, callScope } from './call-scope';
import { createAwsClients } from './clients';
import type { AwsClientOptions, AwsClients } from './clients';
import type { ApiReadScope } from './api-read-scope';
import { createDiscovery } from './discovery';
import { DEFAULT_LOG_READ_BUDGET } from './log-reading/read-budget';
import type { LogReadBudget } from './log-reading/read-budget';
import type { ProbeContext, ProbeOptions } from './probe';
import { couldNotCheck, reasonOf } from './probe';
import { PROBES } from './registry';
import type { RegisteredProbe } from './registry';

export interface ProbeEvent {
  readonly probe: ProbeName;
  readonly status: 'started' | ProbeStatus;
  readonly durationMs?: number;
}

export interface DiagnosisOptions {
  /** Epoch ms by which runDiagnosis returns (the Lambda: remaining time minus the notify reserve). */
  readonly deadline: number;
  /** Clients to use; otherwise created for the incident's region with `clientOptions`. */
  readonly clients?: AwsClients;
  readonly clientOptions?: Partial<AwsClientOptions>;
  /** Probes to run. @default all */
  readonly probes?: readonly ProbeName[];
  /** @default false */
  readonly activeHealthCheck?: boolean;
  /** Each probe's own time limit in ms (the deadline still applies). @default 20000 */
  readonly probeTimeoutMs?: number;
  /** FilterLogEvents pages per log group. @default 6 */
  readonly maxLogPages?: number;
  /** The rest of the per-group log budget (page size, lines kept, traces drilled). */
  readonly logRead?: Partial<LogReadBudget>;
  /** Backend functions deep-dived (the rest summarised in one line). @default 5 */
  readonly deepDive?: number;
  /** Progress (the CLI prints it on stderr). */
  readonly onProbeEvent?: (event: ProbeEvent) => void;
  /**
   * What this API's diagnosis may read (functions/diagnosis/api-read-scope.ts): the responder
   * passes the watched API's lists. @default unfiltered (the CLI, with the user's own credentials)
   */
  readonly readScope?: ApiReadScope;
  /** Replaces the registry (tests inject slow or failing probes). */
  readonly registry?: readonly RegisteredProbe[];
}

export const DEFAULT_PROBE_TIMEOUT_MS = 20_000;

/** Share of a probe's time the backend ranking waits for the failing routes from the access log. */
const ROUTES_WAIT_SHARE = 0.6;

class ProbeTimeoutError extends Error {
  override readonly name = 'ProbeTimeoutError';
  constructor(
    message: string,
    readonly byDeadline: boolean,
  ) {
    super(message);
  }
}

interface Outcome {
  readonly run: ProbeRun;
  readonly findings: readonly Finding[];
  readonly byDeadline: boolean;
}

async function runOne(
  probe: RegisteredProbe,
  base: Omit<ProbeContext, 'signal' | 'deadline' | 'reportCoverage'>,
  deadline: number,
  probeTimeoutMs: number,
  overall: AbortSignal,
  onEvent: ((event: ProbeEvent) => void) | undefined,
): Promise<Outcome> {
  const started = Date.now();
  const calls: string[] = [];
  const coverage: LogCoverage[] = [];
  const ownDeadline = Math.min(deadline, started + probeTimeoutMs);
  const byDeadline = ownDeadline === deadline;
  const controller = new AbortController();
  const budget = Math.max(0, ownDeadline - started);
  const timeoutError = new ProbeTimeoutError(
    byDeadline ? `timed out at the diagnosis deadline after ${budget} ms` : `timed out after ${budget} ms`,
    byDeadline,
  );
  const onOverall = (): void => controller.abort(timeoutError);
  overall.addEventListener('abort', onOverall, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeoutError);
      reject(timeoutError);
    }, budget);
  });
  onEvent?.({ probe: probe.name, status: 'started' });
  let status: ProbeStatus = 'ok';
  let findings: readonly Finding[];
  let error: string | undefined;
  try {
    const ctx: ProbeContext = {
      ...base,
      deadline: ownDeadline,
      signal: controller.signal,
      reportCoverage: (c) => coverage.push(c),
    };
    const work = callScope.run({ calls, signal: controller.signal }, () => probe.run(ctx));
    findings = await Promise.race([work, timedOut]);
  } catch (e) {
    const timeout = e instanceof ProbeTimeoutError || controller.signal.aborted;
    status = timeout ? 'timed-out' : 'failed';
    error = timeout ? timeoutError.message : reasonOf(e);
    findings = [couldNotCheck(probe.name, probe.label, error)];
  } finally {
    clearTimeout(timer);
    overall.removeEventListener('abort', onOverall);
    if (!controller.signal.aborted) controller.abort(new AbortedError('probe finished'));
  }
  const durationMs = Date.now() - started;
  onEvent?.({ probe: probe.name, status, durationMs });
  return {
    run: {
      probe: probe.name,
      status,
      durationMs,
      awsCalls: [...calls],
      ...(error === undefined ? {} : { error }),
      ...(coverage.length === 0 ? {} : { coverage }),
    },
    findings,
    byDeadline: status === 'timed-out' && byDeadline,
  };
}

export async function runDiagnosis(incident: Incident, options: DiagnosisOptions): Promise<Diagnosis> {
  const startedAt = new Date();
  const registry = options.registry ?? PROBES;
  const selected = registry.filter((p) => options.probes === undefined || options.probes.includes(p.name));
  const clients = options.clients ?? createAwsClients({ region: incident.region, ...options.clientOptions });
  const overall = new AbortController();
  // Every probe and every shared call listens to the deadline.
  setMaxListeners(1000, overall.signal);
  const overallTimer = setTimeout(
    () => overall.abort(new AbortedError('diagnosis deadline reached')),
    Math.max(0, options.deadline - Date.now()),
  );
  const logRead: LogReadBudget = {
    ...DEFAULT_LOG_READ_BUDGET,
    ...options.logRead,
    ...(options.maxLogPages === undefined ? {} : { maxPages: options.maxLogPages }),
  };
  const deepDive = options.deepDive ?? DEFAULT_DEEP_DIVE;
  const probeOptions: ProbeOptions = {
    activeHealthCheck: options.activeHealthCheck ?? false,
    activeHealthCheckTimeoutMs: 3000,
    logRead,
    deepDive,
  };
  const probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const base = {
    incident,
    clients,
    options: probeOptions,
    discovery: createDiscovery(incident, clients, overall.signal, {
      deepDive,
      ...(options.readScope === undefined ? {} : { readScope: options.readScope }),
      // The ranking waits for the access log's failing routes at most this long, so the deep
      // dives keep the rest of their probe's time.
      routesWaitUntil:
        Date.now() + ROUTES_WAIT_SHARE * Math.max(0, Math.min(probeTimeoutMs, options.deadline - Date.now())),
    }),
  };
  const readsRoutes = (p: RegisteredProbe): boolean => p.name === 'access-logs' && p.kinds.includes(incident.api.kind);
  if (!selected.some(readsRoutes)) base.discovery.reportFailingRoutes(new Map());
  try {
    const outcomes = await Promise.all(
      selected.map((probe): Promise<Outcome> => {
        if (!probe.kinds.includes(incident.api.kind)) {
          return Promise.resolve({
            run: { probe: probe.name, status: 'skipped', durationMs: 0, awsCalls: [] },
            findings: [],
            byDeadline: false,
          });
        }
        const outcome = runOne(probe, base, options.deadline, probeTimeoutMs, overall.signal, options.onProbeEvent);
        // However the access-log probe ended, the ranking stops waiting for its routes (first report wins).
        return readsRoutes(probe) ? outcome.finally(() => base.discovery.reportFailingRoutes(new Map())) : outcome;
      }),
    );
    const resolved = base.discovery.resolvedApi();
    return {
      // The incident as the probes found it: a REST API watched by name now carries its id.
      incident: resolved === undefined ? incident : { ...incident, api: { ...incident.api, ...resolved } },
      // Reads the API's scope refused are findings too, never a silent skip.
      findings: [...outcomes.flatMap((o) => o.findings), ...base.discovery.notListed()],
      probes: outcomes.map((o) => o.run),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      cutShort: outcomes.some((o) => o.byDeadline),
    };
  } finally {
    clearTimeout(overallTimer);
    overall.abort(new Error('diagnosis finished'));
  }
}

/** The "could not check" findings of a diagnosis. */
export function notChecked(diagnosis: Diagnosis): CouldNotCheckFinding[] {
  return diagnosis.findings.filter((f): f is CouldNotCheckFinding => f.type === 'could-not-check');
}

export type { AwsClients, AwsClientOptions } from './clients';
export { createAwsClients } from './clients';
export type { Probe, ProbeContext, ProbeOptions } from './probe';
export { PROBES } from './registry';
export type { RegisteredProbe } from './registry';
export { buildIncident, incidentWindow } from './incident';
export type { IncidentRequest } from './incident';
