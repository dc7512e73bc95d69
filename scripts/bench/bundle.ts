/**
 * Responder bundle size (minified, as deployed) and module initialisation time, as a ratio to a
 * bare `node -e ''` measured in the same run: medians of interleaved runs, so machine noise hits
 * both sides alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { RESPONDER_BUNDLING } from '../../lib/bundling-defaults';
import { RUNTIME_CONFIG_ENV } from '../../functions/runtime-config';
import type { ResponderRuntimeConfig } from '../../functions/runtime-config';
import { ownTrust } from '../../functions/provenance/trust-policy';

export interface BundleFigures {
  readonly bundleBytes: number;
  readonly initMs: number;
  readonly bareNodeMs: number;
  readonly initRatio: number;
}

const SAMPLE_CONFIG: ResponderRuntimeConfig = {
  version: 1,
  tableName: 'bench-table',
  groupingWindowMinutes: 30,
  notifyReserveMs: 15000,
  probes: ['metrics'],
  activeHealthCheck: false,
  watched: [{ kind: 'REST', name: 'bench-api', stages: ['prod'] }],
  destinations: { slack: { mode: 'webhook', webhookSecretId: 'bench/slack' } },
  trust: ownTrust('123456789012', 'us-east-1'),
};

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function timeNode(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr.toString().slice(0, 2000)}`);
  return elapsed;
}

/** Bundle the real handler with the construct's own esbuild settings, then time loading it. */
export async function measureBundle(runs = 9): Promise<BundleFigures> {
  const dir = mkdtempSync(join(resolve(__dirname, '../..'), '.bench-out-'));
  try {
    const outfile = join(dir, 'index.js');
    await build({
      entryPoints: [resolve(__dirname, '../../functions/responder/handler.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: RESPONDER_BUNDLING.target,
      minify: RESPONDER_BUNDLING.minify,
      sourcemap: false,
      external: [...RESPONDER_BUNDLING.externalModules],
      logLevel: 'silent',
    });
    const bundleBytes = statSync(outfile).size;
    const loader = join(dir, 'load.js');
    writeFileSync(loader, `require(${JSON.stringify(outfile)});\n`);
    const env = {
      ...process.env,
      [RUNTIME_CONFIG_ENV]: JSON.stringify(SAMPLE_CONFIG),
      AWS_REGION: 'us-east-1',
      POWERTOOLS_SERVICE_NAME: 'apigw-responder',
      POWERTOOLS_DEV: 'false',
    };
    const init: number[] = [];
    const bare: number[] = [];
    timeNode([loader], env); // warm the file cache once
    for (let i = 0; i < runs; i += 1) {
      bare.push(timeNode(['-e', ''], env));
      init.push(timeNode([loader], env));
    }
    const initMs = median(init);
    const bareNodeMs = median(bare);
    return { bundleBytes, initMs, bareNodeMs, initRatio: initMs / bareNodeMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
