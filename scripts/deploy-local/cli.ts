/**
 * `npm run deploy:local [-- --keep] [-- --config FILE]`: rehearses `cdk deploy` of your config on
 * the local emulator. Starts moto server on 127.0.0.1, runs the real `cdk bootstrap` and
 * `cdk deploy`, creates what the emulator's CloudFormation skipped, reads every resource back and
 * compares it with the template, runs the deployed bundle on an ALARM and an OK notification, and
 * `cdk destroy`s (unless --keep). Results on stdout, progress on stderr; the emulator is stopped
 * by its pid on exit or Ctrl-C. Exit code 0 only with 0 mismatches and a passing smoke run.
 */
import { resolve } from 'node:path';
import { sandboxEnvironment } from '../sandbox/env';
import type { RunningMoto } from '../sandbox/moto';
import { startMoto, stopPid } from '../sandbox/moto';
import { bootstrap, deploy } from './rehearsal';
import { runSmoke } from './smoke';
import { summaryLine, verifyStack } from './verify-stack';

const USAGE = `usage: npm run deploy:local [-- [--keep] [--config FILE]]
  --keep         leave the stack deployed and the emulator running until Ctrl-C
  --config FILE  a config file exporting \`config\` (default: apigw-responder.config.ts)`;

interface Options {
  readonly keep: boolean;
  readonly configFile?: string;
}

function parseArgs(argv: readonly string[]): Options | string {
  let keep = false;
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--keep') keep = true;
    else if (arg === '--config' && argv[i + 1] !== undefined) configFile = resolve(argv[(i += 1)] ?? '');
    else if (arg === '--help' || arg === '-h') return USAGE;
    else return `unknown argument ${JSON.stringify(arg)}\n${USAGE}`;
  }
  return { keep, ...(configFile === undefined ? {} : { configFile }) };
}

const log = (line: string): void => {
  process.stderr.write(`[deploy:local] ${line}\n`);
};
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function rehearse(options: Options, moto: RunningMoto): Promise<boolean> {
  const rehearsal = {
    endpoint: moto.endpoint,
    log,
    ...(options.configFile === undefined ? {} : { configFile: options.configFile }),
  };
  await bootstrap(rehearsal);
  const deployment = await deploy(rehearsal);
  let ok = deployment.completion.missing.length === 0;
  try {
    for (const line of deployment.completion.missing) out(line);
    const report = await verifyStack(deployment.state);
    for (const line of report.emulatorLimits) log(`emulator gap, not verified: ${line}`);
    if (report.notCompared.length > 0) log(`not compared (no reader yet): ${report.notCompared.join(', ')}`);
    for (const line of [...report.mismatches, ...report.notVerified]) out(line);
    out(summaryLine(report));
    ok &&= report.mismatches.length === 0 && report.notVerified.length === 0;
    const smoke = await runSmoke(deployment.state, deployment.outdir, log);
    for (const line of smoke.lines) out(line);
    out(`smoke: ${smoke.ok ? 'passed' : 'FAILED'}`);
    ok &&= smoke.ok;
  } finally {
    if (options.keep) {
      log(`--keep: stack left deployed on ${moto.endpoint}; the emulator runs until Ctrl-C. To use it:`);
      for (const [key, value] of Object.entries(sandboxEnvironment(moto.endpoint))) log(`  export ${key}=${value}`);
    } else {
      await deployment.destroy();
    }
  }
  return ok;
}

export async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n`);
    return options === USAGE ? 0 : 2;
  }
  const started = Date.now();
  const moto = await startMoto({ log });
  const stop = (): void => {
    log(`stopping the emulator (pid ${moto.pid})`);
    void stopPid(moto.pid).finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const ok = await rehearse(options, moto);
    log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
    if (options.keep) await new Promise<never>(() => undefined);
    return ok ? 0 : 1;
  } catch (error) {
    out(`deploy rehearsal failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await moto.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
