/**
 * A clone of this repository has nothing beside it: no tracked file may read or point to a folder
 * outside the repository (the project's machines keep a shared/ folder next to the clone; users
 * and CI on a bare clone do not).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');
// Spelled in parts so that this file does not match its own check.
const PARENT = '..';
const SHARED = 'shared';
const OUTSIDE_REFERENCE = new RegExp(`\\.\\.[/\\\\]${SHARED}\\b|['"]\\.\\.['"],\\s*['"]${SHARED}['"]`);

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return out.split('\0').filter((f) => f.length > 0 && !/\.(png|jpe?g|gif|ico)$/i.test(f) && f !== 'package-lock.json');
}

describe('the repository is self-contained', () => {
  it('has no tracked file that refers to the shared folder beside the clone', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => {
      const text = readFileSync(join(REPO_ROOT, f), 'utf8');
      return OUTSIDE_REFERENCE.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it.each([
    [`${PARENT}/${SHARED}/corpus/x.json`, true],
    [`resolve(root, '${PARENT}', '${SHARED}', 'corpus')`, true],
    ['test/fixtures/alarm-events/01.json', false],
  ])('the check recognises %s as outside: %s', (text, outside) => {
    expect(OUTSIDE_REFERENCE.test(text)).toBe(outside);
  });
});
