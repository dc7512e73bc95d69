/**
 * `npm run bench:storm`: the storm budget of issue #13. 50 alarms over 10 APIs (5 signals each),
 * published at random moments within 5 s, each its own invocation of the real orchestration
 * (DynamoDB store on the local emulator, real Slack pacing and parent-edit spacing, the real
 * Slack bot, Jira, PagerDuty and webhook notifiers against the local stand-ins; diagnosis
 * simulated at 1.5 s). Invocations that fail are retried once, as Lambda does.
 *
 * Targets: ≤ 10 parent messages and ≤ 10 further Slack messages; the first PagerDuty page of an
 * incident ≤ 2 s after its diagnosis ends; 0 failed invocations after one retry.
 * The last line is one JSON object with the figures.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoIncidentStore } from '../functions/incidents/dynamo-store';
import type { EventRecord, IncidentRecord } from '../functions/incidents/records';
import type { IncidentStore } from '../functions/incidents/store';
import { alarmMessage, snsLambdaEvent } from './sandbox/alarm-notification';
import type { AlarmSpec } from './sandbox/alarm-notification';
import { createWorld } from './sandbox/exactly-once-world';
import { startFakeDestinations } from './sandbox/fake-destinations';
import { startMoto } from './sandbox/moto';
import { sandboxClientConfig } from './sandbox/env';
import { createIncidentTable } from './sandbox/responder-sandbox';
import { mulberry32 } from './mulberry32';

const APIS = 10;
const SIGNALS: NonNullable<AlarmSpec['signal']>[] = [
  '5xx-count',
  '5xx-rate',
  'p99-latency',
  'p99-integration-latency',
  '4xx-rate',
];
const WINDOW_MS = 5_000;
const DIAGNOSIS_MS = 1_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  log('starting the local AWS emulator and the destination stand-ins…');
  const moto = await startMoto({ log });
  const fake = await startFakeDestinations();
  try {
    const tableName = `bench-storm-${randomUUID().slice(0, 8)}`;
    await createIncidentTable(moto.endpoint, tableName);
    const dynamo = new DynamoIncidentStore({
      tableName,
      client: new DynamoDBClient(sandboxClientConfig(moto.endpoint)),
    });
    // Every store call timed: on a loaded machine the emulator's latency dominates the page delay.
    const storeMs: number[] = [];
    const timed =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        const t0 = Date.now();
        try {
          return await call(...args);
        } finally {
          storeMs.push(Date.now() - t0);
        }
      };
    const store: IncidentStore = {
      getEvent: timed((key: string) => dynamo.getEvent(key)),
      putEvent: timed((record: EventRecord) => dynamo.putEvent(record)),
      getIncident: timed((key: string) => dynamo.getIncident(key)),
      putIncident: timed((record: IncidentRecord) => dynamo.putIncident(record)),
      reserveSlot: timed((channel: string, nowMs: number, intervalMs: number) =>
        dynamo.reserveSlot(channel, nowMs, intervalMs),
      ),
    };
    const diagnosedAt = new Map<string, number>();
    const world = createWorld({
      store,
      fake,
      fakeClock: false,
      diagnosisMs: DIAGNOSIS_MS,
      onDiagnosed: (incident, at) => {
        if (!diagnosedAt.has(incident.api.name ?? '')) diagnosedAt.set(incident.api.name ?? '', at);
      },
      // Production pacing: Slack's one message per second per channel, parent edits 3 s apart.
      settings: { slackIntervalMs: 1_100, parentEditIntervalMs: 3_000, refWaitMs: 10_000, refPollMs: 250 },
    });
    // tsx compiles each module on its first import; the Lambda bundle is compiled ahead. Load the
    // notifiers before the storm so the figures measure the responder, not the compiler.
    await Promise.all([
      import('../functions/notify/slack-bot-notifier'),
      import('../functions/notify/jira-notifier'),
      import('../functions/notify/pagerduty-notifier'),
      import('../functions/notify/webhook-notifier'),
    ]);
    const rand = mulberry32(13); // seeded, so runs are comparable
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const alarms = Array.from({ length: APIS }, (_, a) =>
      SIGNALS.map((signal) => ({
        event: snsLambdaEvent(alarmMessage({ api: `storm-api-${a}`, signal, time: now })),
        at: Math.floor(rand() * WINDOW_MS),
      })),
    ).flat();
    log(`publishing ${alarms.length} alarms over ${APIS} APIs within ${WINDOW_MS / 1000} s…`);
    const started = Date.now();
    const first = await Promise.all(alarms.map((a) => sleep(a.at).then(() => world.invoke(a.event))));
    const failedFirst = first.filter((r) => !r.ok);
    for (const f of failedFirst) log(`  failed first attempt: ${f.ok ? '' : `${f.error.name}: ${f.error.message}`}`);
    // Lambda retries a failed asynchronous invocation once after about a minute; the leases are short.
    const retried = await Promise.all(
      first.map((r, i) => (r.ok ? Promise.resolve(r) : sleep(1_000).then(() => world.invoke(alarms[i]!.event)))),
    );
    const failedAfterRetry = retried.filter((r) => !r.ok).length;
    const elapsedMs = Date.now() - started;

    const messages = fake.slackMessages();
    const parents = messages.filter((m) => m.thread_ts === undefined).length;
    const further = messages.length - parents;
    const edits = fake.requests('slack-api').filter((r) => r.path.endsWith('chat.update') && r.status === 200).length;
    const pages = fake
      .requests('pagerduty')
      .filter((r) => (r.body as { event_action?: string }).event_action === 'trigger');
    const pageDelays: number[] = [];
    for (let a = 0; a < APIS; a++) {
      const api = `storm-api-${a}`;
      const page = pages.find((r) => (r.body as { dedup_key?: string }).dedup_key?.startsWith(`${api}-`) === true);
      const diagnosed = diagnosedAt.get(api);
      if (page !== undefined && diagnosed !== undefined) pageDelays.push(Date.parse(page.at) - diagnosed);
    }
    pageDelays.sort((x, y) => x - y);
    const maxPageDelayMs = pageDelays.length === 0 ? null : pageDelays[pageDelays.length - 1]!;
    const figures = {
      alarms: alarms.length,
      apis: APIS,
      parentMessages: parents,
      furtherSlackMessages: further,
      parentEdits: edits,
      pagerDutyPages: pages.length,
      firstPageAfterDiagnosisMsMax: maxPageDelayMs,
      firstPageAfterDiagnosisMsMedian: pageDelays[Math.floor(pageDelays.length / 2)] ?? null,
      storeCalls: storeMs.length,
      storeCallMsMedian: [...storeMs].sort((x, y) => x - y)[Math.floor(storeMs.length / 2)] ?? null,
      storeCallMsP95: [...storeMs].sort((x, y) => x - y)[Math.floor(storeMs.length * 0.95)] ?? null,
      failedFirstAttempts: failedFirst.length,
      failedAfterOneRetry: failedAfterRetry,
      elapsedMs,
      targets: {
        parentMessagesMax: 10,
        furtherSlackMessagesMax: 10,
        firstPageAfterDiagnosisMsMax: 2_000,
        failedAfterOneRetry: 0,
      },
    };
    const met =
      parents <= 10 &&
      further <= 10 &&
      maxPageDelayMs !== null &&
      pageDelays.length === APIS &&
      maxPageDelayMs <= 2_000 &&
      failedAfterRetry === 0;
    log(`parents ${parents}, further Slack messages ${further}, parent edits ${edits}`);
    log(`first page after diagnosis: max ${maxPageDelayMs} ms over ${pageDelays.length} incidents`);
    log(`failed invocations: ${failedFirst.length} first attempts, ${failedAfterRetry} after one retry`);
    process.stdout.write(`${JSON.stringify({ ...figures, met })}\n`);
    if (!met) process.exitCode = 1;
  } finally {
    await fake.close();
    await moto.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:storm failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
