/**
 * `apigw-responder discover`: least privilege one command away for an existing API. Reads the
 * API's stages, routes, integrations, authorizers and log settings with your credentials
 * (read-only) and prints the `apis` entry to paste into apigw-responder.config.ts, or with
 * --write adds it there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAwsClients } from '../../functions/diagnosis/clients';
import { configEntryOf, renderConfigEntry } from '../../functions/discover/config-entry';
import type { DiscoveredApi } from '../../functions/discover/discover-api';
import { discoverApi } from '../../functions/discover/discover-api';
import { addApiToConfigFile } from '../../lib/discover/write-config-entry';
import { parseOptions } from './parse-options';

export const HELP = `Usage: apigw-responder discover --api <name|id> [--kind rest|http] [options]

Reads one API Gateway API with your AWS credentials (read-only: apigateway:GET only) and prints
the entry for the apis list of apigw-responder.config.ts: every stage, the backend functions its
integrations and authorizers invoke, and the access-log groups of its stages. Listing them gives
each API's diagnosis exactly its own functions and logs (least privilege per API).

Options:
  --api <name|id>        REST API name or id (HTTP API id or name with --kind http)
  --kind rest|http       API kind (default rest)
  --region <region>      default: AWS_REGION / your profile's region
  --profile <name>       shared-config profile
  --endpoint-url <url>   send every AWS call there (a local emulator); AWS_ENDPOINT_URL works too
  --write                add the entry to the config file instead of printing it
  --config <file>        the config file for --write (default ./apigw-responder.config.ts)
  -h, --help             this help

Progress goes to standard error; the entry to standard output.
Exit codes: 0 done, 1 failure (AWS error, access denied, API not found), 2 bad arguments.`;

function fail(message: string): number {
  process.stderr.write(`apigw-responder discover: ${message}\n\nRun with --help for the options.\n`);
  return 2;
}

const ACCESS_DENIED = /AccessDenied|UnauthorizedOperation|not authorized|Forbidden/i;

/** One sentence for an AWS error; AccessDenied names what discover needs. */
export function explainAwsError(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (ACCESS_DENIED.test(name) || ACCESS_DENIED.test(message) || status === 403) {
    return `AccessDenied: your credentials may not read this API (${message}). discover only calls apigateway:GET on /restapis, /restapis/* (REST) or /apis, /apis/* (HTTP) and /vpclinks/*: grant those, or run it with a profile that has them (--profile).`;
  }
  return `${name || 'Error'}: ${message}`;
}

function printNotes(api: DiscoveredApi): void {
  for (const note of api.notes) process.stderr.write(`  note: ${note}\n`);
}

export async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseOptions(argv, {
    api: { type: 'string' },
    kind: { type: 'string', default: 'rest' },
    region: { type: 'string' },
    profile: { type: 'string' },
    'endpoint-url': { type: 'string' },
    write: { type: 'boolean', default: false },
    config: { type: 'string', default: 'apigw-responder.config.ts' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (typeof parsed === 'string') return fail(parsed);
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.api === undefined || values.api === '') return fail('--api is required');
  if (values.kind !== 'rest' && values.kind !== 'http') return fail('--kind must be rest or http');
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (region === undefined) return fail('no region: pass --region or set AWS_REGION');

  const clients = createAwsClients({
    region,
    ...(values['endpoint-url'] === undefined ? {} : { endpoint: values['endpoint-url'] }),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
  });
  let api: DiscoveredApi;
  try {
    api = await discoverApi(clients, {
      kind: values.kind === 'http' ? 'HTTP' : 'REST',
      api: values.api,
      region,
      progress: (line) => process.stderr.write(`${line}\n`),
    });
  } catch (error) {
    process.stderr.write(`apigw-responder discover: ${explainAwsError(error)}\n`);
    return 1;
  }
  printNotes(api);
  if (!values.write) {
    process.stderr.write('Add this entry to the apis list of apigw-responder.config.ts:\n');
    process.stdout.write(`${renderConfigEntry(api)}\n`);
    return 0;
  }
  const file = resolve(values.config);
  const outcome = addApiToConfigFile(file, configEntryOf(api), renderConfigEntry(api), {
    read: (path) => readFileSync(path, 'utf8'),
    write: (path, text) => writeFileSync(path, text),
  });
  if (!outcome.ok) {
    process.stderr.write(`apigw-responder discover: ${outcome.reason}\n`);
    process.stdout.write(`${renderConfigEntry(api)}\n`);
    return 1;
  }
  process.stderr.write(`added ${api.kind} API ${api.name ?? api.id} to ${file}; \`npx cdk synth\` checks it\n`);
  return 0;
}
