/**
 * `npm run sandbox -- install|start|stop|status`: the local AWS emulator for the demo and manual
 * runs. `start` leaves moto server running in the background and prints the environment to use.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, ensureMoto, startMoto, stopPid, waitUntilReady } from './moto';
import { sandboxEnvironment } from './env';

const STATE_FILE = join(PROJECT_ROOT, '.sandbox', 'moto.json');

interface State {
  readonly pid: number;
  readonly endpoint: string;
}

function readState(): State | undefined {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;
  } catch {
    return undefined;
  }
}

function printEnv(endpoint: string): void {
  for (const [key, value] of Object.entries(sandboxEnvironment(endpoint)))
    process.stdout.write(`export ${key}=${value}\n`);
}

async function isUp(state: State | undefined): Promise<boolean> {
  if (state === undefined) return false;
  try {
    await waitUntilReady(state.endpoint, 1000);
    return true;
  } catch {
    return false;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'install':
      await ensureMoto();
      return 0;
    case 'start': {
      const existing = readState();
      if (await isUp(existing)) {
        process.stderr.write(`[sandbox] already running at ${existing?.endpoint} (pid ${existing?.pid})\n`);
        printEnv(existing?.endpoint ?? '');
        return 0;
      }
      const portArg = argv.indexOf('--port');
      const port = portArg >= 0 ? Number(argv[portArg + 1]) : undefined;
      const moto = await startMoto({ detached: true, ...(port === undefined ? {} : { port }) });
      mkdirSync(join(PROJECT_ROOT, '.sandbox'), { recursive: true });
      writeFileSync(STATE_FILE, JSON.stringify({ pid: moto.pid, endpoint: moto.endpoint }));
      printEnv(moto.endpoint);
      return 0;
    }
    case 'stop': {
      const state = readState();
      if (state === undefined) {
        process.stderr.write('[sandbox] not running\n');
        return 0;
      }
      await stopPid(state.pid);
      rmSync(STATE_FILE, { force: true });
      process.stderr.write(`[sandbox] stopped pid ${state.pid}\n`);
      return 0;
    }
    case 'status': {
      const state = readState();
      const up = await isUp(state);
      process.stdout.write(up ? `running at ${state?.endpoint} (pid ${state?.pid})\n` : 'not running\n');
      return up ? 0 : 1;
    }
    default:
      process.stderr.write('Usage: npm run sandbox -- install | start [--port N] | stop | status\n');
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`[sandbox] ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
