/**
 * The local AWS emulator: moto server (pinned) in the project's own virtual environment, started on
 * a free 127.0.0.1 port. Used by jest's integration setup, the sandbox CLI, the demo and benches.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const MOTO_VERSION = '5.2.5';
/** AWS's CloudFormation linter, run over every synthesized template by `npm test`; same venv. */
export const CFN_LINT_VERSION = '1.58.0';
export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const VENV_DIR = join(PROJECT_ROOT, '.venv');
const VENV_PYTHON = join(VENV_DIR, 'bin', 'python');
const INSTALL_LOCK = join(PROJECT_ROOT, '.sandbox', 'install.lock');

export interface RunningMoto {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /** Progress lines (install and start). @default writes to stderr */
  readonly log?: (line: string) => void;
  /** @default a free port */
  readonly port?: number;
  /**
   * Keep running after this process exits (the `sandbox start` command). Otherwise the server
   * exits by itself as soon as its parent is gone, so no stray emulator survives a killed run.
   * @default false
   */
  readonly detached?: boolean;
  /** @default 60000 */
  readonly readyTimeoutMs?: number;
}

const defaultLog = (line: string): void => {
  process.stderr.write(`[sandbox] ${line}\n`);
};

function installedVersion(distribution: string): string | undefined {
  if (!existsSync(VENV_PYTHON)) return undefined;
  const probe = spawnSync(VENV_PYTHON, ['-c', `import importlib.metadata as m; print(m.version('${distribution}'))`], {
    encoding: 'utf8',
  });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

/** Both pinned tools are there (moto[server] depends on cfn-lint too: one pin for both). */
function installed(): boolean {
  return installedVersion('moto') === MOTO_VERSION && installedVersion('cfn-lint') === CFN_LINT_VERSION;
}

function run(command: string, args: readonly string[], log: (line: string) => void): void {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: PROJECT_ROOT });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${String(result.status ?? result.signal)}`);
  }
}

async function withInstallLock<T>(fn: () => T): Promise<T> {
  mkdirSync(join(PROJECT_ROOT, '.sandbox'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(INSTALL_LOCK, 'wx'));
      break;
    } catch {
      // Another run is installing; a lock older than 15 minutes belongs to a dead run.
      try {
        if (Date.now() - statSync(INSTALL_LOCK).mtimeMs > 15 * 60_000) rmSync(INSTALL_LOCK, { force: true });
      } catch {
        // the lock was just released
      }
      if (Date.now() - started > 20 * 60_000) throw new Error(`timed out waiting for ${INSTALL_LOCK}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(INSTALL_LOCK, { force: true });
  }
}

/** Installs moto[server]==MOTO_VERSION and cfn-lint==CFN_LINT_VERSION into ./.venv unless they are there. Returns the venv python. */
export async function ensureMoto(options: Pick<MotoOptions, 'log'> = {}): Promise<string> {
  const log = options.log ?? defaultLog;
  if (installed()) return VENV_PYTHON;
  return withInstallLock(() => {
    if (installed()) return VENV_PYTHON;
    log(
      `installing moto[server]==${MOTO_VERSION} and cfn-lint==${CFN_LINT_VERSION} into ${VENV_DIR} (first time only, takes a minute or two)`,
    );
    if (!existsSync(VENV_PYTHON)) run('python3', ['-m', 'venv', VENV_DIR], log);
    run(
      VENV_PYTHON,
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        `moto[server]==${MOTO_VERSION}`,
        `cfn-lint==${CFN_LINT_VERSION}`,
      ],
      log,
    );
    if (!installed()) {
      throw new Error(
        `moto ${MOTO_VERSION} / cfn-lint ${CFN_LINT_VERSION} not importable after install (got ${installedVersion('moto')} / ${installedVersion('cfn-lint')})`,
      );
    }
    log(`moto ${MOTO_VERSION} and cfn-lint ${CFN_LINT_VERSION} installed`);
    return VENV_PYTHON;
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not get a free port'));
      });
    });
  });
}

// Runs moto's server; with a parent pid it exits as soon as that parent is gone.
const SERVER_SCRIPT = `
import os, sys, threading, time
port, parent = sys.argv[1], int(sys.argv[2])
if parent > 0:
    def watch():
        while True:
            if os.getppid() != parent:
                os._exit(0)
            time.sleep(0.5)
    threading.Thread(target=watch, daemon=True).start()
# DynamoDB applies a conditional write atomically; moto's threaded server does not: put_item reads
# the current item, builds the new one, then checks the condition, so two writers expecting the
# same version can both succeed and one update is lost (found by the exactly-once property under
# load). DynamoDB calls are serialised; they are short and never long-poll.
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
dispatch = DomainDispatcherApplication.__call__
dynamodb = threading.Lock()
def serialised(self, environ, start_response):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
        with dynamodb:
            return dispatch(self, environ, start_response)
    return dispatch(self, environ, start_response)
DomainDispatcherApplication.__call__ = serialised
from moto.server import main
main(["-H", "127.0.0.1", "-p", port])
`;

export async function waitUntilReady(endpoint: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < until) {
    if (child !== undefined && child.exitCode !== null) {
      throw new Error(`moto server exited early with code ${child.exitCode}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`moto server at ${endpoint} not ready after ${timeoutMs} ms: ${lastError}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a moto server by pid: SIGTERM, then SIGKILL if it is still there after 3 s. */
export async function stopPid(pid: number): Promise<void> {
  if (!processAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + 3000;
  while (Date.now() < until) {
    if (!processAlive(pid)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Installs if needed, starts moto server on 127.0.0.1 and waits until it answers. */
export async function startMoto(options: MotoOptions = {}): Promise<RunningMoto> {
  const log = options.log ?? defaultLog;
  const python = await ensureMoto({ log });
  const port = options.port ?? (await freePort());
  const endpoint = `http://127.0.0.1:${port}`;
  const detached = options.detached ?? false;
  const child = spawn(python, ['-c', SERVER_SCRIPT, String(port), detached ? '0' : String(process.pid)], {
    cwd: PROJECT_ROOT,
    detached,
    stdio: 'ignore',
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  if (child.pid === undefined) throw new Error('could not start moto server');
  const pid = child.pid;
  if (detached) child.unref();
  const killOnExit = (): void => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  if (!detached) process.once('exit', killOnExit);
  try {
    await waitUntilReady(endpoint, options.readyTimeoutMs ?? 60_000, child);
  } catch (error) {
    killOnExit();
    throw error;
  }
  log(`moto server ${MOTO_VERSION} ready at ${endpoint} (pid ${pid})`);
  return {
    endpoint,
    port,
    pid,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopPid(pid);
    },
  };
}
