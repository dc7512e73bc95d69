/**
 * `apigw-responder diagnose`: the responder's 5XX runbook against one API stage with your own AWS
 * credentials, printed as a report (or JSON), with --record/--replay of every AWS call.
 */
import { setFlagsFromString } from 'node:v8';
import { apiKindHintOf } from '../../functions/classifier/api-kind';
import { classifyFindings } from '../../functions/classifier/classify';
import { createAwsClients } from '../../functions/diagnosis/clients';
import type { AwsClientOptions } from '../../functions/diagnosis/clients';
import { runDiagnosis } from '../../functions/diagnosis/engine';
import { buildIncident, parseDuration } from '../../functions/diagnosis/incident';
import { CallRecorder, CallReplayer, NO_NETWORK_HANDLER } from '../../functions/diagnosis/recording';
import type { Recording } from '../../functions/diagnosis/recording';
import { readRecordingFile, RecordingFileWriter } from '../../functions/diagnosis/recording-file';
import { renderReport } from '../../functions/diagnosis/report';
import { protect } from '../../functions/redact';
import { PROBE_NAMES } from '../../functions/types';
import type { Classification, Diagnosis, ProbeName } from '../../functions/types';
import { parseOptions } from './parse-options';

export const HELP = `Usage: apigw-responder diagnose --api <name|id> --stage <stage> [options]

Runs the 5XX runbook (metrics, execution and access logs, API configuration, backend Lambda and
HTTP checks, recent changes, throttling, X-Ray) in parallel against one API stage with your AWS
credentials and prints what it found. Read-only: it only calls Get/Describe/List/Filter APIs.

Options:
  --api <name|id>        REST API name or id (HTTP API id or name with --kind http)
  --stage <stage>        stage name
  --kind rest|http       API kind (default rest)
  --since <duration>     window ending now: 30m, 2h, 90s (default 30m)
  --from <ISO> --to <ISO>  explicit window instead of --since
  --region <region>      default: AWS_REGION / your profile's region
  --profile <name>       shared-config profile
  --account <id>         account id to show in the report (optional)
  --probes a,b,...       only these probes (${PROBE_NAMES.join(', ')})
  --timeout <duration>   overall deadline (default 25s); the command ends within it plus 1 s
  --probe-timeout <duration>  each probe's own limit (default 20s, never past --timeout)
  --request-timeout <duration>  one AWS request's limit, after which it throws (default 10s)
  --deep-dive <n>        backend functions examined in depth, the most failing first (default 5);
                         the others are summarised in one line
  --active-health-check  send one GET to public HTTP backends
  --json                 print the diagnosis as JSON (redacted like a Slack message:
                         secrets, personal data and client IPs hidden, bodies described)
  --raw                  print what the probes collected without that last redaction
                         (still without the secrets the probes redact as they read)
  --endpoint-url <url>   send every AWS call there (a local emulator: http://127.0.0.1:PORT);
                         AWS_ENDPOINT_URL in the environment works too
  --record <file>        save every AWS request/response of the run (no credentials; response
                         strings redacted, Lambda environment and stage variables dropped)
  --replay <file>        re-run a recorded diagnosis from the file with no network at all
  -h, --help             this help

Progress goes to standard error; the report or JSON to standard output.
Exit codes: 0 diagnosis done, 1 failure, 2 bad arguments.`;

/** What is printed leaves the CLI (pasted into tickets and chats): the boundary applies unless `raw`. */
export function forOutput(
  diagnosis: Diagnosis,
  classification: Classification | undefined,
  raw: boolean,
): { shown: Diagnosis; classified: Classification | undefined } {
  if (raw) return { shown: diagnosis, classified: classification };
  return { shown: protect(diagnosis), classified: classification === undefined ? undefined : protect(classification) };
}

function fail(message: string): number {
  process.stderr.write(`apigw-responder diagnose: ${message}\n\nRun with --help for the options.\n`);
  return 2;
}

export async function run(argv: readonly string[]): Promise<number> {
  // What a diagnosis keeps is bounded (counts, templates, a capped sample of lines), but every log
  // page it reads is decoded and parsed whole (a page of 10,000 unfiltered lines is several MB and
  // ~8x that while parsed), and by default V8 grows the heap rather than collect that garbage:
  // 210-240 MB at 100,000 lines per group against a live set under 48 MB. Favouring size keeps the
  // CLI at ~160 MB; it costs GC time: ~1 s more CPU at 100,000 lines per group (replay 2.2-2.8 s
  // instead of 1.0-1.5 s on 2 busy cores), well inside the 25 s deadline.
  setFlagsFromString('--optimize-for-size');
  const parsed = parseOptions(argv, {
    api: { type: 'string' },
    stage: { type: 'string' },
    kind: { type: 'string', default: 'rest' },
    since: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    region: { type: 'string' },
    profile: { type: 'string' },
    account: { type: 'string' },
    probes: { type: 'string' },
    timeout: { type: 'string', default: '25s' },
    'probe-timeout': { type: 'string', default: '20s' },
    'request-timeout': { type: 'string', default: '10s' },
    'deep-dive': { type: 'string' },
    'active-health-check': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    raw: { type: 'boolean', default: false },
    'endpoint-url': { type: 'string' },
    record: { type: 'string' },
    replay: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (typeof parsed === 'string') return fail(parsed);
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.record !== undefined && values.replay !== undefined)
    return fail('--record and --replay exclude each other');
  let probes: ProbeName[] | undefined;
  if (values.probes !== undefined) {
    const names = values.probes.split(',').map((p) => p.trim());
    const unknown = names.filter((n) => !(PROBE_NAMES as readonly string[]).includes(n));
    if (unknown.length > 0) return fail(`unknown probe(s) ${unknown.join(', ')}`);
    probes = names as ProbeName[];
  }
  let timeoutMs: number;
  let probeTimeoutMs: number;
  let requestTimeoutMs: number;
  try {
    timeoutMs = parseDuration(values.timeout);
    probeTimeoutMs = parseDuration(values['probe-timeout']);
    requestTimeoutMs = parseDuration(values['request-timeout']);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const deepDive = values['deep-dive'] === undefined ? undefined : Number(values['deep-dive']);
  if (deepDive !== undefined && (!Number.isInteger(deepDive) || deepDive < 1)) {
    return fail('--deep-dive must be a whole number of at least 1');
  }

  let recording: Recording | undefined;
  if (values.replay !== undefined) {
    try {
      recording = readRecordingFile(values.replay);
    } catch (error) {
      return fail(`cannot read ${values.replay}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    if (values.api === undefined || values.stage === undefined) return fail('--api and --stage are required');
    if (values.kind !== 'rest' && values.kind !== 'http') return fail('--kind must be rest or http');
    if ((values.from === undefined) !== (values.to === undefined)) return fail('--from and --to go together');
    if (values.from !== undefined && values.since !== undefined) return fail('use --since or --from/--to, not both');
  }

  const region =
    recording?.incident.region ?? values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (region === undefined) return fail('no region: pass --region or set AWS_REGION');
  // The recording streams to disk call by call (a large run's bodies would not fit in memory).
  const recordFile = values.record === undefined ? undefined : new RecordingFileWriter(values.record);
  const recorder = recordFile === undefined ? undefined : new CallRecorder((call) => recordFile.write(call));
  const replayer = recording === undefined ? undefined : new CallReplayer(recording);
  const clientOptions: AwsClientOptions = {
    region,
    requestTimeoutMs,
    ...(values['endpoint-url'] === undefined ? {} : { endpoint: values['endpoint-url'] }),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
    ...(replayer === undefined
      ? {}
      : {
          endpoint: 'http://replay.invalid',
          credentials: { accessKeyId: 'replay', secretAccessKey: 'replay' },
          requestHandler: NO_NETWORK_HANDLER,
        }),
    plugins: [
      ...(recorder === undefined ? [] : [recorder.plugin()]),
      ...(replayer === undefined ? [] : [replayer.plugin()]),
    ],
  };
  const clients = createAwsClients(clientOptions);

  const incident =
    recording?.incident ??
    (await buildIncident(
      {
        kind: values.kind === 'http' ? 'HTTP' : 'REST',
        api: values.api ?? '',
        stage: values.stage ?? '',
        region,
        ...(values.account === undefined ? {} : { accountId: values.account }),
        ...(values.from !== undefined && values.to !== undefined
          ? { window: { start: new Date(values.from).toISOString(), end: new Date(values.to).toISOString() } }
          : { sinceMs: parseDuration(values.since ?? '30m') }),
      },
      clients,
    ));
  const replayedProbes = recording?.options?.probes as ProbeName[] | undefined;
  const selected = probes ?? replayedProbes;
  const activeHealthCheck = recording?.options?.activeHealthCheck ?? values['active-health-check'];
  process.stderr.write(
    `diagnosing ${incident.api.kind} ${incident.api.name ?? incident.api.id}/${incident.api.stage} (${incident.window.start} → ${incident.window.end})\n`,
  );
  const diagnosis = await runDiagnosis(incident, {
    deadline: Date.now() + timeoutMs,
    probeTimeoutMs,
    ...(deepDive === undefined ? {} : { deepDive }),
    clients,
    ...(selected === undefined ? {} : { probes: selected }),
    activeHealthCheck,
    onProbeEvent: (e) => {
      if (e.status === 'started') return;
      process.stderr.write(`  ${e.probe.padEnd(15)} ${e.status} (${e.durationMs ?? 0} ms)\n`);
    },
  });
  if (recorder !== undefined && recordFile !== undefined && values.record !== undefined) {
    const { calls: _none, ...header } = recorder.recording(incident, {
      ...(selected === undefined ? {} : { probes: selected }),
      activeHealthCheck,
    });
    recordFile.finish(header);
    process.stderr.write(`recorded ${recordFile.calls} AWS calls to ${values.record}\n`);
  }
  let classification: Classification | undefined;
  try {
    const apiKind = apiKindHintOf(incident.api.kind);
    classification = classifyFindings(diagnosis.findings, apiKind === undefined ? {} : { apiKind });
  } catch (error) {
    process.stderr.write(`(classification unavailable: ${error instanceof Error ? error.message : String(error)})\n`);
  }
  const { shown, classified } = forOutput(diagnosis, classification, values.raw);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ ...shown, ...(classified === undefined ? {} : { classification: classified }) }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(renderReport(shown, classified));
  }
  return 0;
}
