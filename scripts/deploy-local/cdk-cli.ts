/**
 * Runs the project's own aws-cdk CLI (the pinned devDependency) against the emulator: the SDK
 * inside the CLI honours AWS_ENDPOINT_URL, and the emulator's CloudFormation fetches templates
 * and assets from the S3 address given in AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION, which it only
 * takes correctly when it names the emulator by `localhost`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../sandbox/moto';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, sandboxEnvironment } from '../sandbox/env';

const CDK_BIN = join(PROJECT_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

export interface CdkRun {
  readonly endpoint: string;
  /** The cloud assembly directory (synth output). */
  readonly outdir: string;
  /** Progress lines. */
  readonly log: (line: string) => void;
  /** The `--app` command; default: cdk.json's (the user's config). */
  readonly app?: string;
  /** Extra environment for the app (e.g. which config file it reads). */
  readonly env?: Readonly<Record<string, string>>;
}

export function cdkEnvironment(endpoint: string): Record<string, string> {
  const port = new URL(endpoint).port;
  return {
    ...sandboxEnvironment(endpoint),
    AWS_ENDPOINT_URL_S3_FOR_CLOUDFORMATION: `http://localhost:${port}`,
    CDK_DEFAULT_ACCOUNT: SANDBOX_ACCOUNT,
    CDK_DEFAULT_REGION: SANDBOX_REGION,
  };
}

/** Runs `cdk <args>`; its output goes to our stderr line by line, prefixed. */
export function runCdk(run: CdkRun, args: readonly string[]): Promise<void> {
  const fullArgs = [
    ...args,
    '--no-notices',
    '--no-version-reporting',
    '--output',
    run.outdir,
    ...(run.app === undefined ? [] : ['--app', run.app]),
  ];
  run.log(`$ cdk ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CDK_BIN, ...fullArgs], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...cdkEnvironment(run.endpoint), ...run.env, NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        run.log(`  ${line}`);
      }
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`cdk ${args[0] ?? ''} failed with exit code ${String(code)}:\n${tail.join('\n')}`));
    });
  });
}
