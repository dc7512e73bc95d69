/**
 * `apigw-responder render --format slack|jira|markdown --from FILE`: previews what a destination
 * would receive. FILE holds an IncidentSummary (schemaVersion 1) or a recorded incident
 * ({ incident, diagnosis?, classification?, remediation? }) that is summarised first.
 */
import { readFile } from 'node:fs/promises';
import type { Classification, Diagnosis, Incident, IncidentSummary, Remediation } from '../../functions/types';

const FORMATS = ['slack', 'jira', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: apigw-responder render --from FILE [--format slack|jira|markdown]

Prints an incident summary as a destination would receive it:
  slack     Block Kit JSON ({ text, blocks }) as posted with chat.postMessage
  jira      the issue description in Atlassian Document Format (JSON)
  markdown  readable text (default)

FILE ("-" for standard input) holds an IncidentSummary JSON (schemaVersion 1, see
test/fixtures/summaries/) or a recorded incident { incident, diagnosis?, classification?,
remediation?, kind?, incidentId? }. Secrets in it are redacted before rendering.
`;

interface Args {
  readonly format: Format;
  readonly from: string;
}

function parseArgs(argv: readonly string[]): Args | { error: string } | 'help' {
  let format: string = 'markdown';
  let from: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag !== '--format' && flag !== '--from') return { error: `unknown option "${arg}"` };
    const value = inline ?? argv[(i += 1)];
    if (value === undefined || value === '') return { error: `${flag} needs a value` };
    if (flag === '--format') format = value;
    else from = value;
  }
  if (!(FORMATS as readonly string[]).includes(format))
    return { error: `--format must be one of ${FORMATS.join(', ')}` };
  if (from === undefined) return { error: '--from FILE is required' };
  return { format: format as Format, from };
}

async function readInput(from: string): Promise<string> {
  if (from !== '-') return readFile(from, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

interface RecordedIncident {
  readonly incident: Incident;
  readonly diagnosis?: Diagnosis;
  readonly classification?: Classification;
  readonly remediation?: Remediation;
  readonly kind?: IncidentSummary['kind'];
  readonly incidentId?: string;
}

function isRecordedIncident(value: unknown): value is RecordedIncident {
  if (value === null || typeof value !== 'object') return false;
  const incident = (value as { incident?: unknown }).incident;
  return (
    incident !== null &&
    typeof incident === 'object' &&
    typeof (incident as { alarmName?: unknown }).alarmName === 'string'
  );
}

async function toSummary(value: unknown): Promise<IncidentSummary | string[]> {
  if (isRecordedIncident(value)) {
    const { buildSummary } = await import('../../functions/notify/summary');
    const { incident } = value;
    return buildSummary({
      ...value,
      kind: value.kind ?? (incident.state === 'OK' ? 'resolved' : 'open'),
      incidentId:
        value.incidentId ??
        `${incident.api.id ?? incident.api.name ?? 'api'}-${incident.api.stage}-${incident.stateChangeTime}`,
    });
  }
  const { parseSummary } = await import('../../functions/notify/summary-schema');
  const parsed = parseSummary(value);
  if (!parsed.ok) return parsed.problems;
  const { redactSummary } = await import('../../functions/notify/redact-summary');
  return redactSummary(parsed.summary);
}

async function render(summary: IncidentSummary, format: Format): Promise<string> {
  switch (format) {
    case 'slack': {
      const { renderSlack } = await import('../../functions/notify/render-slack');
      return `${JSON.stringify(renderSlack(summary), null, 2)}\n`;
    }
    case 'jira': {
      const { renderJira } = await import('../../functions/notify/render-jira');
      return `${JSON.stringify(renderJira(summary), null, 2)}\n`;
    }
    case 'markdown': {
      const { renderMarkdown } = await import('../../functions/notify/render-markdown');
      return renderMarkdown(summary);
    }
  }
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`apigw-responder render: ${args.error}\n\n${USAGE}`);
    return 2;
  }
  let value: unknown;
  try {
    value = JSON.parse(await readInput(args.from)) as unknown;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    process.stderr.write(`apigw-responder render: cannot read ${args.from}: ${why}\n`);
    return 2;
  }
  const summary = await toSummary(value);
  if (Array.isArray(summary)) {
    process.stderr.write(
      `apigw-responder render: ${args.from} is not an incident summary:\n  ${summary.slice(0, 20).join('\n  ')}\n`,
    );
    return 2;
  }
  process.stdout.write(await render(summary, args.format));
  return 0;
}
