/**
 * `npm run demo [-- --keep]`: four realistic API Gateway incidents on the local AWS emulator,
 * each alarm published through SNS to the real responder exactly as in production (only the
 * endpoints differ), and what the on-call engineer receives: the summary in this terminal and
 * the Slack thread in demo-out/index.html (short parents, the full detail in each thread, the
 * demo's own graph, the buttons, one Acknowledge and one Mute pressed through the signed-request
 * path). `--keep` leaves the emulator and the page server up.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { renderMarkdown } from '../functions/notify/render-markdown';
import type { IncidentSummary, RootCauseClass } from '../functions/types';
import { ACTION_IDS } from '../functions/notify/render-slack-parent';
import { signedHeaders } from '../functions/interactions/verify-signature';
import { incidentGraphDataUrl } from './demo/incident-graph';
import { renderSlackPage } from './demo/slack-page';
import type { PageOptions, RecordedSlackMessage, ThreadImage } from './demo/slack-page';
import { blockActionsBody, pressButton } from './sandbox/press-button';
import type { ResponderSandbox } from './sandbox/responder-sandbox';
import { SANDBOX_SIGNING_SECRET, startResponderSandbox } from './sandbox/responder-sandbox';
import type { ScenarioName } from './sandbox/seed';
import { seedScenario } from './sandbox/seed';

interface DemoIncident {
  readonly scenario: ScenarioName;
  readonly apiName: string;
  readonly expected: RootCauseClass;
  readonly story: string;
}

const INCIDENTS: readonly DemoIncident[] = [
  {
    scenario: 'integration-timeout',
    apiName: 'orders-api',
    expected: 'INTEGRATION_TIMEOUT',
    story: 'a Lambda proxy backend that needs longer than the 29 s integration timeout',
  },
  {
    scenario: 'malformed-proxy-response',
    apiName: 'catalog-api',
    expected: 'MALFORMED_PROXY_RESPONSE',
    story: 'a deploy that made the function return a bare object instead of {statusCode, body}',
  },
  {
    scenario: 'throttled-function',
    apiName: 'checkout-api',
    expected: 'THROTTLING',
    story: 'a function capped by reserved concurrency during a traffic spike',
  },
  {
    scenario: 'missing-invoke-permission',
    apiName: 'profile-api',
    expected: 'PERMISSION_DENIED',
    story: 'a recreated function whose resource policy no longer lets API Gateway invoke it',
  },
];

const OUT_DIR = resolve(__dirname, '..', 'demo-out');
const STAGE = 'prod';
/** How long each incident lasts before its alarm returns to OK. */
const INCIDENT_MINUTES = 12;
const color = process.stdout.isTTY
  ? { bold: '\x1b[1m', dim: '\x1b[2m', green: '\x1b[32m', red: '\x1b[31m', reset: '\x1b[0m' }
  : { bold: '', dim: '', green: '', red: '', reset: '' };

const started = Date.now();
function progress(line: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`${color.dim}[${seconds}s]${color.reset} ${line}\n`);
}

function slackMessagesOf(sandbox: ResponderSandbox): RecordedSlackMessage[] {
  return sandbox.destinations.slackMessages().map((m) => ({
    channel: m.channel,
    ts: m.ts,
    ...(m.thread_ts === undefined ? {} : { threadTs: m.thread_ts }),
    text: m.text,
    blocks: m.blocks,
    edited: m.edits > 0,
  }));
}

/** The summaries the generic-webhook destination received, in order. */
function webhookSummaries(sandbox: ResponderSandbox): IncidentSummary[] {
  return sandbox.destinations.requests('webhook').flatMap((r) => {
    const body = r.body as { summary?: IncidentSummary } | undefined;
    return body?.summary ? [body.summary] : [];
  });
}

interface OpenedIncident {
  readonly incident: DemoIncident;
  /** The seeded API's name, which the alarm names (REST alarms carry ApiName). */
  readonly apiName: string;
  readonly summary: IncidentSummary;
}

async function runIncident(sandbox: ResponderSandbox, incident: DemoIncident, index: number): Promise<OpenedIncident> {
  progress(`Incident ${index + 1}/${INCIDENTS.length}: ${incident.apiName}, ${incident.story}`);
  // The incident started INCIDENT_MINUTES ago, so its OK (published at the end) is not in the future.
  const seeded = await seedScenario(sandbox.endpoint, incident.scenario, {
    apiName: incident.apiName,
    stage: STAGE,
    now: new Date(Date.now() - INCIDENT_MINUTES * 60_000),
  });
  progress(`  seeded API ${seeded.apiName} (${seeded.apiId}), function ${seeded.functionName}, logs and metrics`);
  const before = webhookSummaries(sandbox).length;
  await sandbox.publishAlarm({ api: seeded.apiName, stage: STAGE, time: seeded.stateChangeTime, signal: '5xx-count' });
  progress('  ALARM published to SNS; the responder is diagnosing…');
  await sandbox.adapter.settled(sandbox.adapter.invocations.length + 1);
  const summary = webhookSummaries(sandbox)[before];
  if (summary === undefined) throw new Error(`no summary was delivered for ${seeded.apiName}`);
  return { incident, apiName: seeded.apiName, summary };
}

function printSummary(summary: IncidentSummary, incident: DemoIncident): boolean {
  const got = summary.leading?.class ?? 'UNKNOWN';
  const right = got === incident.expected;
  const mark = right ? `${color.green}✓ expected ${incident.expected}` : `${color.red}✗ expected ${incident.expected}`;
  process.stdout.write(`\n${color.bold}${'─'.repeat(100)}${color.reset}\n`);
  process.stdout.write(`${renderMarkdown(summary)}\n`);
  process.stdout.write(`${mark}, got ${got}${color.reset}\n`);
  return right;
}

/** The alarms the sandbox publishes alarm at 5 errors per minute. */
const DEMO_THRESHOLD = 5;
const GRAPH_CAPTION =
  'Graph drawn by the demo from the 5XX series the diagnosis read: the local emulator (moto) has no CloudWatch GetMetricWidgetImage, which the responder uses to attach the graph in AWS.';
const USER = 'U0DEMOONCALL';

/** The demo's own graph for each incident thread (see GRAPH_CAPTION). */
function graphsOf(sandbox: ResponderSandbox, opened: readonly OpenedIncident[]): ThreadImage[] {
  const parents = sandbox.destinations.slackMessages().filter((m) => m.thread_ts === undefined);
  return opened.flatMap(({ summary, apiName }) => {
    const parent = parents.find((m) => m.text.includes(`${apiName}/${STAGE}`));
    const series = summary.impact.errorSeries;
    if (parent === undefined || series.length === 0) return [];
    const onset = series.findIndex((v) => v > 0);
    return [
      {
        threadTs: parent.ts,
        dataUrl: incidentGraphDataUrl({
          title: `${apiName}/${STAGE}: 5XX per minute`,
          series,
          threshold: DEMO_THRESHOLD,
          ...(onset < 0 ? {} : { onsetIndex: onset }),
        }),
        alt: `5XX per minute for ${apiName}/${STAGE}`,
        caption: GRAPH_CAPTION,
      },
    ];
  });
}

/**
 * One Acknowledge and one Mute through the real signed-request path (block_actions payload signed
 * with the app's signing secret, POSTed to the interactions handler's local function URL, the work
 * run from its SQS queue), a forged request refused, and the muted stage's next ALARM recorded.
 */
async function buttonRoundTrips(sandbox: ResponderSandbox, first: OpenedIncident): Promise<string[]> {
  const endpoint = sandbox.interactions;
  if (endpoint === undefined) throw new Error('the sandbox runs without the interactions endpoint');
  const parentOf = () =>
    sandbox.destinations
      .slackMessages()
      .find((m) => m.thread_ts === undefined && m.text.includes(`${first.apiName}/${STAGE}`));
  const lines: string[] = [];
  for (const [label, actionId] of [
    ['Acknowledge', ACTION_IDS.acknowledge],
    ['Mute 1 h', ACTION_IDS.mute1h],
  ] as const) {
    const parent = parentOf();
    if (parent === undefined) throw new Error(`no Slack thread for ${first.apiName}`);
    const pressed = await pressButton({
      url: endpoint.url,
      signingSecret: SANDBOX_SIGNING_SECRET,
      message: parent,
      actionId,
      userId: USER,
    });
    await endpoint.drain();
    lines.push(
      `${label} on ${first.apiName}/${STAGE}: signed request answered ${pressed.status} in ${pressed.answeredInMs} ms; the work ran from the queue`,
    );
    progress(`  ${lines.at(-1)}`);
  }
  const parent = parentOf()!;
  const forgedBody = blockActionsBody({
    actionId: ACTION_IDS.unmute,
    value: '{"i":"x","k":"y"}',
    userId: 'U0FORGER',
    channel: parent.channel,
    messageTs: parent.ts,
  });
  const forged = await fetch(endpoint.url, {
    method: 'POST',
    headers: signedHeaders('not-the-signing-secret', forgedBody, Date.now()),
    body: forgedBody,
  });
  lines.push(`A request signed with the wrong secret: ${forged.status}, nothing done`);
  progress(`  ${lines.at(-1)}`);
  const time = new Date(Date.parse(first.summary.stateChangeTime) + 2 * 60_000).toISOString();
  await sandbox.publishAlarm({ api: first.apiName, stage: STAGE, time, signal: 'p99-latency' });
  await sandbox.adapter.settled(sandbox.adapter.invocations.length + 1);
  const report = sandbox.adapter.invocations.at(-1)?.result as { outcome?: string; reason?: string }[] | undefined;
  lines.push(
    `The muted stage's next ALARM (p99 latency): ${report?.[0]?.outcome ?? 'unknown'}, not posted (${report?.[0]?.reason ?? ''})`,
  );
  progress(`  ${lines.at(-1)}`);
  await sandbox.publishAlarm({
    api: first.apiName,
    stage: STAGE,
    time: new Date(Date.parse(time) + 60_000).toISOString(),
    signal: 'p99-latency',
    state: 'OK',
  });
  await sandbox.adapter.settled(sandbox.adapter.invocations.length + 1);
  return lines;
}

function pageOptions(
  sandbox: ResponderSandbox,
  opened: readonly OpenedIncident[],
  notes: readonly string[],
): PageOptions {
  return { images: graphsOf(sandbox, opened), notes: [...notes, GRAPH_CAPTION] };
}

function writePage(sandbox: ResponderSandbox, options: PageOptions, name: string): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const messages = slackMessagesOf(sandbox);
  writeFileSync(join(OUT_DIR, 'slack-messages.json'), `${JSON.stringify(messages, null, 2)}\n`);
  writeFileSync(join(OUT_DIR, 'summaries.json'), `${JSON.stringify(webhookSummaries(sandbox), null, 2)}\n`);
  const page = join(OUT_DIR, name);
  writeFileSync(page, renderSlackPage(messages, 'apigw-responder demo: what #api-incidents receives', options));
  return page;
}

async function serveUntilInterrupted(sandbox: ResponderSandbox, page: string, options: PageOptions): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(renderSlackPage(slackMessagesOf(sandbox), 'apigw-responder demo: what #api-incidents receives', options));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `\nKept running (Ctrl-C to stop):\n  page      http://127.0.0.1:${port}/  (also ${page})\n  emulator  ${sandbox.endpoint}  (AWS_ENDPOINT_URL=${sandbox.endpoint} npx apigw-responder diagnose --api <name> --stage ${STAGE})\n`,
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await new Promise<void>((done) => server.close(() => done()));
}

async function main(argv: readonly string[]): Promise<number> {
  const keep = argv.includes('--keep');
  if (argv.some((a) => a !== '--keep')) {
    process.stderr.write('Usage: npm run demo [-- --keep]\n');
    return 2;
  }
  progress('Starting the local AWS emulator (moto server; installed into .venv on first run)…');
  const sandbox = await startResponderSandbox({ log: (line) => progress(`  ${line}`), interactive: true });
  try {
    const results: boolean[] = [];
    const opened: OpenedIncident[] = [];
    for (const [index, incident] of INCIDENTS.entries()) {
      const result = await runIncident(sandbox, incident, index);
      opened.push(result);
      results.push(printSummary(result.summary, incident));
    }
    process.stdout.write(`\n${color.bold}${'─'.repeat(100)}${color.reset}\n`);
    progress('Slack buttons, through the signed-request path:');
    const notes = await buttonRoundTrips(sandbox, opened[0]!);
    // What the on-call engineer sees before anything resolves: open parents with their buttons.
    const openPage = writePage(sandbox, pageOptions(sandbox, opened, notes), 'index.html');
    for (const { summary, apiName } of opened) {
      const okTime = new Date(Date.parse(summary.stateChangeTime) + INCIDENT_MINUTES * 60_000).toISOString();
      await sandbox.publishAlarm({ api: apiName, stage: STAGE, time: okTime, signal: '5xx-count', state: 'OK' });
      await sandbox.adapter.settled(sandbox.adapter.invocations.length + 1);
      progress(`OK published for ${apiName}/${STAGE}: resolved in its Slack thread`);
    }
    const options = pageOptions(sandbox, opened, notes);
    const page = writePage(sandbox, options, 'resolved.html');
    const right = results.filter(Boolean).length;
    process.stdout.write(
      `\n${right}/${INCIDENTS.length} incidents classified as expected in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
        `Slack thread view: file://${openPage} (at the alarm, with the buttons) and file://${page} (after the OKs)\n`,
    );
    if (keep) await serveUntilInterrupted(sandbox, page, options);
    return right === INCIDENTS.length ? 0 : 1;
  } finally {
    await sandbox.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
