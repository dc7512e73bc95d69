/**
 * Test support: the real alarm corpus (test/fixtures/alarm-events, sources in its README), and the
 * notification builders shared with the demo.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_DIR = resolve(__dirname, '..', '..', 'fixtures', 'alarm-events');

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) {
    throw new Error(
      `The alarm-event corpus is missing: expected ${CORPUS_DIR} (test/fixtures/alarm-events in the repository).`,
    );
  }
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`No .json alarm events in ${CORPUS_DIR}`);
  return files;
}

export function readCorpus(file: string): unknown {
  return JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as unknown;
}

export * from '../../../scripts/sandbox/alarm-notification';
