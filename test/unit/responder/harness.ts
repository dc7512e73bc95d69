/**
 * Test support for the orchestration: the real parser, grouping, summary model and delivery layer
 * (deliverAll with its retries), with an in-memory store, fake diagnosis/classifier and fake
 * destinations that keep threads and issues the way Slack and Jira do.
 */
import { MemoryIncidentStore } from '../../../functions/incidents/memory-store';
import type { MuteStore } from '../../../functions/suppression/mutes';
import { deliverAll } from '../../../functions/notify/deliver';
import { buildSummary } from '../../../functions/notify/summary';
import { DeliveryIncompleteError } from '../../../functions/responder/errors';
import type { EventReport } from '../../../functions/responder/respond';
import { createResponder } from '../../../functions/responder/respond';
import type { ResponderDeps, ResponderSettings } from '../../../functions/responder/ports';
import { DEFAULT_SETTINGS } from '../../../functions/responder/ports';
import type {
  Classification,
  DestinationName,
  DestinationRef,
  Diagnosis,
  Incident,
  IncidentSummary,
  Notifier,
  ProbeName,
} from '../../../functions/types';

export interface PostedMessage {
  readonly destination: DestinationName;
  /** Thread root / issue this message belongs to. */
  readonly thread: string;
  /** True for the message that opened the thread. */
  readonly root: boolean;
  readonly at: number;
  readonly summary: IncidentSummary;
}

/** A destination that keeps threads (Slack: channel + ts; Jira: issue key) and can be told to fail. */
export class FakeDestination implements Notifier {
  readonly posted: PostedMessage[] = [];
  /** Attempts that fail before the next success. */
  failNext = 0;
  /** Every attempt fails while true. */
  down = false;
  attempts = 0;
  private counter = 0;

  constructor(readonly name: DestinationName) {}

  send(summary: IncidentSummary, ref: DestinationRef | undefined): Promise<DestinationRef> {
    this.attempts += 1;
    if (this.down) return Promise.reject(new Error(`${this.name} is down (503)`));
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(new Error(`${this.name} answered 500`));
    }
    if (ref === undefined) {
      this.counter += 1;
      const thread =
        this.name === 'jira' ? `OPS-${this.counter}` : `1714564980.${String(this.counter).padStart(6, '0')}`;
      this.posted.push({ destination: this.name, thread, root: true, at: Date.now(), summary });
      const created: DestinationRef = this.name === 'jira' ? { key: thread } : { channel: 'C0INCIDENTS', ts: thread };
      return Promise.resolve(created);
    }
    const thread = ref['key'] ?? ref['ts'] ?? '?';
    this.posted.push({ destination: this.name, thread, root: false, at: Date.now(), summary });
    return Promise.resolve(ref);
  }

  roots(): PostedMessage[] {
    return this.posted.filter((m) => m.root);
  }

  replies(thread?: string): PostedMessage[] {
    return this.posted.filter((m) => !m.root && (thread === undefined || m.thread === thread));
  }
}

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly extra?: Record<string, unknown>;
}

export const PROBES: readonly ProbeName[] = ['metrics', 'execution-logs', 'api-config', 'lambda-backend'];

export function fakeDiagnosis(incident: Incident, overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    incident,
    findings: [
      {
        type: 'metrics',
        probe: 'metrics',
        summary: '412 5XX errors in 1,000 requests',
        timestamps: ['2025-05-01T12:00:00.000Z', '2025-05-01T12:01:00.000Z', '2025-05-01T12:02:00.000Z'],
        errors5xx: [0, 200, 212],
        errors4xx: [0, 0, 0],
        requests: [300, 350, 350],
        total5xx: 412,
        total4xx: 0,
        totalRequests: 1000,
        errorRatePct: 41.2,
        onset: '2025-05-01T12:01:00.000Z',
        latencyMaxMs: 29010,
        integrationLatencyMaxMs: 29000,
        integrationTimeoutMs: 29000,
      },
      {
        type: 'log-template',
        probe: 'execution-logs',
        summary: 'Execution failed due to a timeout error (212)',
        source: 'execution-log',
        template: 'Execution failed due to a timeout error',
        count: 212,
        example: '(8f3c) Execution failed due to a timeout error',
        requestIds: ['8f3c'],
      },
    ],
    probes: PROBES.map((probe) => ({ probe, status: 'ok', durationMs: 120, awsCalls: [] })),
    startedAt: '2025-05-01T12:03:01.000Z',
    durationMs: 480,
    cutShort: false,
    ...overrides,
  };
}

export const CLASSIFICATION: Classification = {
  class: 'INTEGRATION_TIMEOUT',
  confidence: 0.9,
  hypotheses: [
    {
      class: 'INTEGRATION_TIMEOUT',
      confidence: 0.9,
      evidence: [
        {
          rule: 'timeout.execution-log',
          source: 'execution-log',
          text: 'Execution failed due to a timeout error',
          count: 212,
        },
      ],
    },
  ],
  evidence: [
    {
      rule: 'timeout.execution-log',
      source: 'execution-log',
      text: 'Execution failed due to a timeout error',
      count: 212,
    },
  ],
};

export interface HarnessOptions {
  readonly destinations?: readonly DestinationName[];
  readonly settings?: Partial<ResponderSettings>;
  /** Attempts per destination inside one invocation (deliverAll). @default 2 */
  readonly maxAttempts?: number;
  readonly diagnose?: ResponderDeps['diagnose'];
  readonly diagnosisDelayMs?: number;
  readonly maintenanceWindows?: ResponderDeps['maintenanceWindows'];
  readonly mutes?: MuteStore;
  /** The delivery layer answers without this destination's result (a contract slip to survive). */
  readonly noResultFor?: DestinationName;
}

export function createHarness(options: HarnessOptions = {}) {
  const store = new MemoryIncidentStore();
  const destinations = options.destinations ?? ['slack', 'jira'];
  const notifiers = new Map(destinations.map((name) => [name, new FakeDestination(name)]));
  const logs: LogEntry[] = [];
  const counts: { name: string; dimensions?: Readonly<Record<string, string>> }[] = [];
  const durations: { name: string; value: number }[] = [];
  const diagnoses: { incident: Incident; deadline: number }[] = [];
  const summaries: IncidentSummary[] = [];

  const settings: ResponderSettings = {
    ...DEFAULT_SETTINGS,
    groupingWindowMs: 30 * 60_000,
    notifyReserveMs: 15_000,
    refWaitMs: 2_000,
    refPollMs: 10,
    slackIntervalMs: 0,
    parentEditIntervalMs: 0,
    slackChannel: 'C0INCIDENTS',
    ...options.settings,
  };

  const log = (level: LogEntry['level']) => (message: string, extra?: Record<string, unknown>) => {
    logs.push({ level, message, ...(extra === undefined ? {} : { extra }) });
  };

  const deps: ResponderDeps = {
    store,
    destinations,
    probes: PROBES,
    diagnose:
      options.diagnose ??
      (async (incident, { deadline }) => {
        diagnoses.push({ incident, deadline });
        if (options.diagnosisDelayMs) await new Promise((r) => setTimeout(r, options.diagnosisDelayMs));
        return fakeDiagnosis(incident);
      }),
    classify: () => Promise.resolve(CLASSIFICATION),
    remediate: () =>
      Promise.resolve({
        class: 'INTEGRATION_TIMEOUT',
        steps: [{ title: 'Raise the integration timeout or make the backend answer within 29 s' }],
        links: [],
      }),
    buildSummary: (request) => {
      const summary = buildSummary(request);
      summaries.push(summary);
      return Promise.resolve(summary);
    },
    deliver: async (summary, refs, opts) =>
      (
        await deliverAll(summary, [...notifiers.values()], refs, {
          ...opts,
          maxAttempts: options.maxAttempts ?? 2,
          baseDelayMs: 1,
          sleep: () => Promise.resolve(),
        })
      ).filter((r) => r.destination !== options.noResultFor),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    metrics: {
      count: (name, dimensions) => counts.push(dimensions === undefined ? { name } : { name, dimensions }),
      milliseconds: (name, value) => durations.push({ name, value }),
    },
    settings,
    ...(options.maintenanceWindows === undefined ? {} : { maintenanceWindows: options.maintenanceWindows }),
    ...(options.mutes === undefined ? {} : { mutes: options.mutes }),
  };
  const responder = createResponder(deps);

  /** One invocation, as Lambda runs it: resolves with the reports, or with the error it threw. */
  async function invoke(
    event: unknown,
    budgetMs = 60_000,
  ): Promise<{ ok: true; reports: EventReport[] } | { ok: false; error: unknown }> {
    try {
      return { ok: true, reports: await responder.handleEvent(event, { deadline: Date.now() + budgetMs - 2_000 }) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /**
   * Lambda's asynchronous invocation: the first attempt and up to two retries; after the last
   * failure, the onFailure record the stack sends to the dead-letter queue.
   */
  async function invokeAsync(event: unknown) {
    let last: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const result = await invoke(event);
      if (result.ok) return { delivered: true as const, attempts: attempt, reports: result.reports };
      last = result.error;
    }
    const error = last as Error;
    return {
      delivered: false as const,
      attempts: 3,
      error,
      dlqRecord: {
        version: '1.0',
        timestamp: new Date().toISOString(),
        requestContext: {
          requestId: 'e4b46cbf-b738-xmpl-8880-a18cdf61200e',
          functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:apigw-responder:$LATEST',
          condition: 'RetriesExhausted',
          approximateInvokeCount: 3,
        },
        requestPayload: event,
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        responsePayload: { errorType: error.name, errorMessage: error.message },
      },
    };
  }

  return {
    store,
    deps,
    responder,
    notifiers,
    slack: notifiers.get('slack'),
    jira: notifiers.get('jira'),
    logs,
    counts,
    durations,
    diagnoses,
    summaries,
    invoke,
    invokeAsync,
    countOf: (name: string) => counts.filter((c) => c.name === name).length,
  };
}

export function isIncomplete(result: { ok: boolean; error?: unknown }): boolean {
  return !result.ok && result.error instanceof DeliveryIncompleteError;
}
