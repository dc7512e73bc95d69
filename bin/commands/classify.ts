/**
 * `apigw-responder classify`: raw log lines (stdin or --logs FILE) → one JSON object with the
 * root-cause class, confidence, ranked hypotheses, evidence and remediation. Exit 0 whenever the
 * input could be read, 2 on unreadable input or bad options. No AWS SDK in this import graph.
 */
import { readFileSync, statSync } from 'node:fs';
import type { ApiKindHint } from '../../functions/classifier/api-kind';
import { API_KIND_HINTS, isApiKindHint } from '../../functions/classifier/api-kind';
import { classifyLogLines } from '../../functions/classifier/classify';
import type { RemediationContext } from '../../functions/remediation/remediate';
import { remediate, remediationContextFromLines } from '../../functions/remediation/remediate';
import type { Classification, IntegrationHint, Remediation } from '../../functions/types';
import { INTEGRATION_HINTS } from '../../functions/types';

const USAGE = `Usage: apigw-responder classify [--logs FILE] [--integration TYPE] [--api-kind rest|http] [--explain]
                                [--api-id ID] [--stage NAME] [--function NAME] [--region REGION]
                                [--account ID] [--http-api]

Reads API Gateway execution/access log lines and backend (Lambda) log lines, one per line, from
standard input or FILE, and prints one JSON object: {"class", "confidence", "hypotheses",
"evidence", "missing", "remediation"}.

  --logs FILE         read the lines from FILE ("-" for standard input)
  --integration TYPE  ${INTEGRATION_HINTS.join(' | ')}
  --api-kind KIND     rest | http (inferred from the lines when absent: apigw-requestid, $default,
                      routeKey, the HTTP API wording of integration/authorizer errors)
  --explain           print a human-readable explanation instead of JSON: for the top two
                      hypotheses, the deciding lines and what evidence would change the answer
  --api-id, --stage, --function, --region, --account, --http-api
                      names to fill into the remediation commands

Exit status: 0 when the input was read (even if nothing was recognised), 2 on unreadable input
or invalid options.`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface Options {
  logs?: string;
  integration?: IntegrationHint;
  apiKind?: ApiKindHint;
  explain: boolean;
  help: boolean;
  context: { -readonly [K in keyof RemediationContext]: RemediationContext[K] };
}

const VALUE_FLAGS: Readonly<Record<string, (o: Options, v: string) => void>> = {
  '--logs': (o, v) => (o.logs = v),
  '--integration': (o, v) => {
    if (!(INTEGRATION_HINTS as readonly string[]).includes(v)) {
      throw new UsageError(`invalid --integration "${v}": expected one of ${INTEGRATION_HINTS.join(', ')}`);
    }
    o.integration = v as IntegrationHint;
  },
  '--api-kind': (o, v) => {
    if (!isApiKindHint(v))
      throw new UsageError(`invalid --api-kind "${v}": expected one of ${API_KIND_HINTS.join(', ')}`);
    o.apiKind = v;
    if (v === 'http') o.context.apiKind = 'HTTP';
  },
  '--api-id': (o, v) => (o.context.apiId = v),
  '--stage': (o, v) => (o.context.stage = v),
  '--function': (o, v) => (o.context.functionName = v),
  '--region': (o, v) => (o.context.region = v),
  '--account': (o, v) => (o.context.accountId = v),
};

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { explain: false, help: false, context: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--explain') options.explain = true;
    else if (name === '--help' || name === '-h') options.help = true;
    else if (name === '--http-api') options.context.apiKind = 'HTTP';
    else if (VALUE_FLAGS[name] !== undefined) {
      const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      VALUE_FLAGS[name](options, value);
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  return options;
}

function readStdin(): Buffer {
  if (process.stdin.isTTY === true) {
    throw new UsageError('no input: pipe log lines on standard input or pass --logs FILE');
  }
  return readFileSync(0);
}

function readInput(logs: string | undefined): Buffer {
  if (logs === undefined || logs === '-') return readStdin();
  let stat;
  try {
    stat = statSync(logs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `cannot read ${logs}: no such file` : `cannot read ${logs}: ${code ?? String(error)}`,
    );
  }
  if (stat.isDirectory()) throw new UsageError(`cannot read ${logs}: it is a directory, not a file of log lines`);
  try {
    return readFileSync(logs);
  } catch (error) {
    throw new UsageError(`cannot read ${logs}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Text or not: NUL bytes or mostly undecodable bytes mean a binary file was given. */
export function decodeText(buffer: Buffer): string {
  const sample = buffer.subarray(0, 64 * 1024);
  if (sample.includes(0)) throw new UsageError('input is binary (it contains NUL bytes), expected text log lines');
  const text = buffer.toString('utf8');
  const replacements = (text.slice(0, 64 * 1024).match(/\uFFFD/g) ?? []).length;
  if (sample.length > 0 && replacements / Math.min(text.length, 64 * 1024) > 0.1) {
    throw new UsageError('input is not UTF-8 text, expected log lines');
  }
  return text.replace(/^\uFEFF/, '');
}

function explain(classification: Classification, remediation: Remediation): string {
  const out: string[] = [];
  const lead = classification.hypotheses[0];
  out.push(`Root cause: ${classification.class}${lead?.subCause === undefined ? '' : ` (${lead.subCause})`}`);
  out.push(`Confidence: ${Math.round(classification.confidence * 100)}%`);
  if (classification.evidence.length > 0) {
    out.push('', 'Evidence:');
    for (const e of classification.evidence)
      out.push(`  - [${e.rule}, ${e.source}${e.count === undefined ? '' : `, ×${e.count}`}] ${e.text}`);
  }
  if (classification.apiKind !== undefined)
    out.push(`API kind: ${classification.apiKind.kind.toUpperCase()} (${classification.apiKind.source})`);
  for (const [i, e] of (classification.explanation ?? []).entries()) {
    out.push('', `${i === 0 ? 'Leading' : 'Runner-up'}: ${e.class} ${Math.round(e.confidence * 100)}%`);
    out.push('  decided by:');
    for (const d of e.decidedBy.length === 0 ? ['(no line or signal)'] : e.decidedBy) out.push(`    - ${d}`);
    if (e.wouldChange.length > 0) {
      out.push('  would change the answer:');
      for (const w of e.wouldChange) out.push(`    - ${w}`);
    }
  }
  const others = classification.hypotheses.slice(1);
  if (others.length > 0) {
    out.push('', 'Other hypotheses:');
    for (const h of others)
      out.push(
        `  - ${h.class}${h.subCause === undefined ? '' : ` (${h.subCause})`}: ${Math.round(h.confidence * 100)}%`,
      );
  }
  if (classification.missing !== undefined && classification.missing.length > 0) {
    out.push('', 'Missing:');
    for (const m of classification.missing) out.push(`  - ${m}`);
  }
  out.push('', 'Remediation:');
  remediation.steps.forEach((s, i) => {
    out.push(`  ${i + 1}. ${s.title}`);
    if (s.detail !== undefined) out.push(`     ${s.detail}`);
    if (s.command !== undefined) out.push(`     $ ${s.command}`);
  });
  if (remediation.links.length > 0) {
    out.push('', 'Links:');
    for (const l of remediation.links) out.push(`  - ${l.label}: ${l.url}`);
  }
  return `${out.join('\n')}\n`;
}

export function run(argv: readonly string[]): Promise<number> {
  let options: Options;
  let text: string;
  try {
    options = parseArgs(argv);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return Promise.resolve(0);
    }
    text = decodeText(readInput(options.logs));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`apigw-responder classify: ${error.message}\n`);
    return Promise.resolve(2);
  }
  const lines = text.split(/\r?\n/);
  const classification = classifyLogLines(lines, {
    ...(options.integration === undefined ? {} : { integration: options.integration }),
    ...(options.apiKind === undefined ? {} : { apiKind: options.apiKind }),
  });
  const context: RemediationContext = { ...remediationContextFromLines(lines), ...options.context };
  const lead = classification.hypotheses[0] ?? {
    class: classification.class,
    confidence: classification.confidence,
    evidence: [],
  };
  const remediation = remediate(lead, context);
  if (options.explain) process.stdout.write(explain(classification, remediation));
  else
    process.stdout.write(
      `${JSON.stringify({ ...classification, remediation: { steps: remediation.steps, links: remediation.links } })}\n`,
    );
  return Promise.resolve(0);
}
