import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../../bin/commands/classify';
import { classifyLogLines } from '../../../functions/classifier/classify';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const MALFORMED = 'Execution failed due to configuration error: Malformed Lambda proxy response';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'classify-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The real CLI, as users run it. */
function cli(args: readonly string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/apigw-responder.cjs', 'classify', ...args], {
    cwd: REPO_ROOT,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (/Cannot find module .*bin\/commands\/classify/.test(result.stderr)) {
    throw new Error(
      `the dispatcher could not load bin/commands/classify (${result.stderr.trim()}): bin/apigw-responder.cjs registers only tsx's CommonJS hook, but bin/cli.ts loads commands with import(); it must also register tsx's ESM hook`,
    );
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('apigw-responder classify (spawned)', () => {
  it('prints one JSON object with the class for lines on stdin, exit 0', () => {
    const { code, stdout } = cli([], `${MALFORMED}\n`);

    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toEqual(
      expect.objectContaining({
        class: 'MALFORMED_PROXY_RESPONSE',
        confidence: expect.any(Number),
        hypotheses: expect.any(Array),
        evidence: expect.any(Array),
      }),
    );
  });

  it('reads --logs FILE with --integration and fills names from flags into the remediation', () => {
    const logs = file(
      'perm.log',
      'Execution failed due to configuration error: Invalid permissions on Lambda function\n',
    );

    const { code, stdout } = cli([
      '--logs',
      logs,
      '--integration',
      'lambda-proxy',
      '--function',
      'orders',
      '--api-id',
      'a1b2c3d4e5',
      '--region',
      'eu-west-1',
    ]);
    const out = JSON.parse(stdout);

    expect(code).toBe(0);
    expect(out.class).toBe('PERMISSION_DENIED');
    expect(out.remediation.steps[0].command).toContain('--function-name orders');
    expect(out.remediation.steps[0].command).toContain(':a1b2c3d4e5/*/*/*');
  });

  it.each([
    [['--logs', '/nonexistent/file.log'], /no such file/],
    [['--integration', 'grpc'], /invalid --integration "grpc"/],
  ])('exit 2 with a clear message for %j', (args, message) => {
    const { code, stdout, stderr } = cli(args, MALFORMED);

    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
  });
});

describe('classify run() in process', () => {
  let stdout: string;
  let stderr: string;
  beforeEach(() => {
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['a directory', () => [`--logs`, dir], /is a directory/],
    ['a missing file', () => ['--logs', join(dir, 'missing.log')], /no such file/],
    [
      'binary garbage',
      () => ['--logs', file('bin.dat', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe]))],
      /binary/,
    ],
    ['an unknown option', () => ['--verbose'], /unknown option "--verbose"/],
    ['a flag without its value', () => ['--logs'], /--logs needs a value/],
  ])('exit 2 on %s', async (_label, args, message) => {
    const code = await run(args());

    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
  });

  it('empty input is readable: exit 0 and UNKNOWN with what is missing', async () => {
    const code = await run(['--logs', file('empty.log', '')]);
    const out = JSON.parse(stdout);

    expect(code).toBe(0);
    expect([out.class, out.confidence]).toEqual(['UNKNOWN', 0]);
    expect(out.missing).toContain('no log lines or findings were given');
  });

  it('--explain prints class, confidence, evidence and remediation steps', async () => {
    const code = await run([
      '--explain',
      '--logs=' + file('thr.log', 'Lambda invocation failed with status: 429\nRate Exceeded.\n'),
      '--function',
      'orders',
    ]);

    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Root cause: THROTTLING \(lambda-concurrency\)\nConfidence: \d+%\n\nEvidence:\n {2}- \[throttling\.lambda-429, execution-log, ×1\] Lambda invocation failed with status: 429/,
    );
    expect(stdout).toContain('Remediation:\n  1. Check the function');
    expect(stdout).toContain('$ aws lambda get-function-concurrency --function-name orders');
  });

  it('--help prints the usage, exit 0', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(stdout).toMatch(/^Usage: apigw-responder classify/);
  });
});

describe('classify: API kind and explanations (issue #15)', () => {
  // The access-log example of https://repost.aws/knowledge-center/api-gateway-http-lambda-integrations
  const lines = [
    '\u201cintegrationError\u201d: \u201cThe IAM role configured on the integration or API Gateway doesn\u2019t have permissions to call the integration. Check the permissions and try again\u201d.',
  ];

  it('infers an HTTP API from the v2 wording and names the mechanism', () => {
    const result = classifyLogLines(lines);
    expect(result.class).toBe('PERMISSION_DENIED');
    expect(result.apiKind).toEqual({ kind: 'http', source: 'inferred' });
  });

  it('takes the API kind it is given over the inference', () => {
    expect(classifyLogLines(lines, { apiKind: 'rest' }).apiKind).toEqual({ kind: 'rest', source: 'given' });
  });

  it('explains the top two hypotheses with deciding lines and what would change the answer', () => {
    const result = classifyLogLines([
      'REPORT RequestId: 3b5f0a52-1111-4a4a-9c9c-0a1b2c3d4e5f\tDuration: 31022.51 ms\tBilled Duration: 31023 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB',
      '< HTTP/1.1 504 Gateway Timeout',
    ]);
    expect(result.class).toBe('INTEGRATION_TIMEOUT');
    const [lead] = result.explanation ?? [];
    expect(lead?.decidedBy.some((d) => d.startsWith('integration-timeout.function-outlived-gateway'))).toBe(true);
    expect(lead?.wouldChange.length).toBeGreaterThan(0);
  });
});
