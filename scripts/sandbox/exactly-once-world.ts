/**
 * The responder with its real notifiers (Slack bot, Jira, PagerDuty, webhook) against the local
 * destination stand-ins, over a given incident store, with a clock that moves on between Lambda
 * retries (so a dead attempt's lease runs out). Used by the exactly-once property test (in-memory
 * store) and its emulator variant (DynamoDB on moto), and by the storm benchmark.
 */
import { deliverAll } from '../../functions/notify/deliver';
import { createNotifiers } from '../../functions/notify/notifiers';
import { buildSummary } from '../../functions/notify/summary';
import type { IncidentStore } from '../../functions/incidents/store';
import type { ResponderDeps, ResponderSettings } from '../../functions/responder/ports';
import { DEFAULT_SETTINGS } from '../../functions/responder/ports';
import type { EventReport } from '../../functions/responder/respond';
import { createResponder } from '../../functions/responder/respond';
import type { DestinationsConfig } from '../../functions/runtime-config';
import type { Classification, Diagnosis, Incident } from '../../functions/types';
import type { FakeDestinations } from './fake-destinations';

export const WORLD_CHANNEL = 'C0INCIDENTS';

export function worldDestinations(fake: FakeDestinations): DestinationsConfig {
  return {
    slack: { mode: 'bot', tokenSecretId: 'slack', channel: WORLD_CHANNEL, apiBaseUrl: fake.slackApiBaseUrl },
    jira: { site: fake.jiraSite, projectKey: 'OPS', secretId: 'jira', issueType: 'Bug', resolveTransition: 'Done' },
    pagerduty: { routingKeySecretId: 'pagerduty', eventsUrl: fake.pagerDutyEventsUrl },
    webhook: { secretId: 'webhook' },
  };
}

export function worldSecrets(fake: FakeDestinations, slackToken = 'xoxb-fake-token'): (id: string) => Promise<string> {
  const values: Record<string, string> = {
    slack: JSON.stringify({ token: slackToken }),
    jira: JSON.stringify({ email: 'oncall@example.com', apiToken: 'jira-token' }),
    pagerduty: JSON.stringify({ routingKey: 'R0UTINGKEY' }),
    webhook: JSON.stringify({ url: fake.webhookUrl, hmacKey: 'hmac-key' }),
  };
  return (id) => Promise.resolve(values[id] ?? '');
}

const CLASSIFICATION: Classification = { class: 'INTEGRATION_TIMEOUT', confidence: 0.9, hypotheses: [], evidence: [] };

function diagnosisOf(incident: Incident, durationMs: number): Diagnosis {
  return { incident, findings: [], probes: [], startedAt: new Date().toISOString(), durationMs, cutShort: false };
}

export interface WorldOptions {
  readonly store: IncidentStore;
  readonly fake: FakeDestinations;
  readonly settings?: Partial<ResponderSettings>;
  /** Simulated diagnosis time (real wall-clock wait). @default 0 */
  readonly diagnosisMs?: number;
  /** Called when a diagnosis ends, with the incident's API (the storm bench times pages from it). */
  readonly onDiagnosed?: (incident: Incident, at: number) => void;
  /** The token the Slack stand-in accepts. @default its default */
  readonly slackToken?: string;
  /** @default true: a fake clock that moves 20 s on between invocations (leases expire between Lambda retries). */
  readonly fakeClock?: boolean;
}

export function createWorld(options: WorldOptions) {
  const { store, fake } = options;
  let offset = 0;
  const fakeClock = options.fakeClock ?? true;
  const now = (): number => Date.now() + offset;
  const notifiers = createNotifiers(worldDestinations(fake), {
    secrets: worldSecrets(fake, options.slackToken),
    region: 'eu-west-1',
  });
  const settings: ResponderSettings = {
    ...DEFAULT_SETTINGS,
    groupingWindowMs: 30 * 60_000,
    notifyReserveMs: 5_000,
    refWaitMs: 2_000,
    refPollMs: 20,
    slackIntervalMs: 0,
    parentEditIntervalMs: 0,
    slackChannel: WORLD_CHANNEL,
    ...options.settings,
  };
  const deps: ResponderDeps = {
    store,
    destinations: notifiers.map((n) => n.name),
    probes: [],
    diagnose: async (incident) => {
      const ms = options.diagnosisMs ?? 0;
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      options.onDiagnosed?.(incident, Date.now());
      return diagnosisOf(incident, ms);
    },
    classify: () => Promise.resolve(CLASSIFICATION),
    remediate: () => Promise.resolve(undefined),
    buildSummary: (request) => Promise.resolve(buildSummary(request)),
    deliver: (summary, refs, opts) =>
      deliverAll(summary, notifiers, refs, { ...opts, maxAttempts: 2, baseDelayMs: 1, attemptTimeoutMs: 3_000 }),
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    metrics: { count: () => undefined, milliseconds: () => undefined },
    settings,
  };
  const responder = createResponder(deps);

  /** One Lambda invocation; the clock then moves on as it would before Lambda's retry. */
  async function invoke(event: unknown): Promise<{ ok: true; reports: EventReport[] } | { ok: false; error: Error }> {
    try {
      return { ok: true, reports: await responder.handleEvent(event, { deadline: now() + 30_000 }) };
    } catch (error) {
      return { ok: false, error: error as Error };
    } finally {
      if (fakeClock) offset += 20_000;
    }
  }

  /** Lambda's asynchronous invocation and its retries (up to `attempts` in all). */
  async function invokeWithRetries(event: unknown, attempts = 6) {
    const errors: Error[] = [];
    for (let i = 0; i < attempts; i++) {
      const result = await invoke(event);
      if (result.ok) return { ok: true as const, reports: result.reports, errors };
      errors.push(result.error);
    }
    return { ok: false as const, errors };
  }

  return { deps, responder, invoke, invokeWithRetries, now };
}

/** What the destinations hold now, per incident (Slack thread, Jira issue, PagerDuty alert). */
export function destinationState(fake: FakeDestinations) {
  const slack = fake.slackMessages().filter((m) => m.via === 'api');
  const parents = slack.filter((m) => m.thread_ts === undefined);
  const pd = fake.requests('pagerduty').filter((r) => r.status === 202);
  const pdStatus = new Map<string, string>();
  for (const r of pd) {
    const body = r.body as { dedup_key?: string; event_action?: string };
    if (body.dedup_key !== undefined && body.event_action !== undefined)
      pdStatus.set(body.dedup_key, body.event_action);
  }
  const metadataKeys = slack
    .map((m) => m.metadata as { event_payload?: { event_key?: string; step?: string } } | undefined)
    .filter((m) => m?.event_payload !== undefined)
    .map((m) => `${m!.event_payload!.event_key}|${m!.event_payload!.step}`);
  const jiraMarkers = fake
    .jiraIssues()
    .flatMap((i) => i.comments.map((c) => /apigw-responder event ([0-9a-f]+)/.exec(JSON.stringify(c))?.[1]))
    .filter((k): k is string => k !== undefined);
  const webhookBodies = new Map<string, Set<string>>();
  for (const r of fake.requests('webhook')) {
    const key = r.headers['idempotency-key'] ?? '';
    const seen = webhookBodies.get(key) ?? new Set<string>();
    seen.add((r.body as { event?: string }).event ?? '');
    webhookBodies.set(key, seen);
  }
  return {
    slack,
    parents,
    replies: slack.filter((m) => m.thread_ts !== undefined),
    issues: fake.jiraIssues(),
    pdStatus,
    pdTriggers: pd.filter((r) => (r.body as { event_action?: string }).event_action === 'trigger'),
    metadataKeys,
    jiraMarkers,
    webhookBodies,
  };
}
