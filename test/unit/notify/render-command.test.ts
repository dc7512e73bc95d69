import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../bin/commands/render';
import { explainedSummary, FIXTURE_DIR } from './support/summaries';

async function capture(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const sample = join(FIXTURE_DIR, 'integration-timeout.json');

describe('apigw-responder render', () => {
  it('prints Block Kit JSON with class, evidence and filled-in commands', async () => {
    const { code, stdout } = await capture(['--format', 'slack', '--from', sample]);
    expect(code).toBe(0);
    const message = JSON.parse(stdout) as { text: string; blocks: unknown[] };
    expect(message.blocks.length).toBeGreaterThan(5);
    expect(stdout).toContain('INTEGRATION_TIMEOUT');
    expect(stdout).toContain('Execution failed due to a timeout error');
    expect(stdout).toContain('aws lambda update-alias --region eu-west-1 --function-name orders-handler');
  });

  it('prints readable Markdown', async () => {
    const { code, stdout } = await capture(['--format=markdown', '--from', sample]);
    expect(code).toBe(0);
    expect(stdout).toContain('**Root cause:** `INTEGRATION_TIMEOUT`');
    expect(stdout).toContain('(8c3e9a52-1f0b-4d7e-9a61-2b7c5d0e4f13) Execution failed due to a timeout error');
    expect(stdout).toContain('aws lambda update-alias --region eu-west-1');
  });

  it('shows the "Why" section of a recorded summary that carries an explanation', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'render-why-')), 'summary.json');
    writeFileSync(file, JSON.stringify(explainedSummary()));
    const { code, stdout } = await capture(['--from', file]);
    expect(code).toBe(0);
    expect(stdout).toContain('## Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT');
    expect(stdout).toContain('**Would change the answer:**');
  });

  it('prints the Jira ADF document', async () => {
    const { code, stdout } = await capture(['--format', 'jira', '--from', sample]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ type: 'doc', version: 1 });
  });

  it.each([
    [['--format', 'teams', '--from', sample], '--format must be one of slack, jira, markdown'],
    [['--format', 'slack'], '--from FILE is required'],
    [['--from', '/nonexistent.json'], 'cannot read /nonexistent.json'],
    [['--from', join(FIXTURE_DIR, '..', '..', '..', 'package.json')], 'is not an incident summary'],
  ])('exits 2 with a clear message for %p', async (argv, message) => {
    const { code, stderr } = await capture(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
