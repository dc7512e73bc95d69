/**
 * Test support: the real alarm corpus (../shared/corpus/alarm-events beside the clone), and the
 * notification builders shared with the demo.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'alarm-events');

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) {
    throw new Error(
      `The alarm-event corpus is missing: expected ${CORPUS_DIR} (the shared/ folder beside the repository clone, see DESIGN.md).`,
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
