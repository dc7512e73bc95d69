/**
 * The deploy rehearsal on a running emulator: the real `cdk bootstrap` and `cdk deploy` of a
 * config, the emulator's gaps filled from the template, every resource read back and compared,
 * the smoke run, and `cdk destroy`. Used by `npm run deploy:local` and the integration test.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../sandbox/moto';
import { SANDBOX_ACCOUNT, SANDBOX_REGION } from '../sandbox/env';
import { readStack } from './assembly';
import type { CdkRun } from './cdk-cli';
import { runCdk } from './cdk-cli';
import type { CompletionReport } from './complete-stack';
import { completeStack, removeCreated } from './complete-stack';
import { CONFIG_FILE_ENV } from './config-app';
import { StackState } from './deployed-stack';
import { physicalIds } from './stack-resources';

export interface RehearsalOptions {
  readonly endpoint: string;
  /** A config file exporting `config`; default: the project's apigw-responder.config.ts (cdk.json's app). */
  readonly configFile?: string;
  /** Where the cloud assembly goes. @default .sandbox/deploy-local/<stack or "app">.out */
  readonly outdir?: string;
  readonly log: (line: string) => void;
}

export interface Deployment {
  readonly state: StackState;
  readonly outdir: string;
  readonly completion: CompletionReport;
  /** Re-reads the physical ids (after a change made outside the rehearsal). */
  refresh(): Promise<StackState>;
  destroy(): Promise<void>;
}

function cdkRun(options: RehearsalOptions, outdir: string): CdkRun {
  if (options.configFile === undefined) return { endpoint: options.endpoint, outdir, log: options.log };
  return {
    endpoint: options.endpoint,
    outdir,
    log: options.log,
    app: `npx tsx ${join('scripts', 'deploy-local', 'config-app.ts')}`,
    env: { [CONFIG_FILE_ENV]: options.configFile },
  };
}

/** `cdk bootstrap` of the emulator's account and region (once per emulator). */
export async function bootstrap(options: RehearsalOptions): Promise<void> {
  const outdir = options.outdir ?? join(PROJECT_ROOT, '.sandbox', 'deploy-local', 'bootstrap.out');
  await runCdk(cdkRun(options, outdir), ['bootstrap', `aws://${SANDBOX_ACCOUNT}/${SANDBOX_REGION}`]);
}

/** `cdk deploy`, then the emulator's gaps filled from the template. */
export async function deploy(options: RehearsalOptions): Promise<Deployment> {
  const outdir = options.outdir ?? join(PROJECT_ROOT, '.sandbox', 'deploy-local', `${Date.now().toString(36)}.out`);
  rmSync(outdir, { recursive: true, force: true });
  const run = cdkRun(options, outdir);
  await runCdk(run, ['deploy', '--require-approval', 'never', '--all']);
  const stack = readStack(outdir);
  const read = async (): Promise<StackState> => {
    const probe = new StackState(stack, new Map(), options.endpoint);
    return new StackState(stack, await physicalIds(stack.stackName, probe.context.clientConfig), options.endpoint);
  };
  const state = await read();
  options.log(
    `deployed ${stack.stackName}: ${state.ids.size} of ${state.resources().length} resources created by the emulator's CloudFormation`,
  );
  const completion = await completeStack(state, options.log);
  return {
    state,
    outdir,
    completion,
    async refresh() {
      const fresh = await read();
      // Resources the rehearsal created are not in the stack's own list: keep their ids.
      for (const [logicalId, physicalId] of state.ids)
        if (!fresh.ids.has(logicalId)) fresh.ids.set(logicalId, physicalId);
      return fresh;
    },
    async destroy() {
      await removeCreated(state, completion.created);
      await runCdk(run, ['destroy', '--force', '--all']);
      rmSync(outdir, { recursive: true, force: true });
    },
  };
}
