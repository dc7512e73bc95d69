/**
 * `npm run split:field-cases`: splits each collection batch of the field corpus
 * (test/fixtures/classifier/field-cases*.jsonl) into a development part (70%) and a held-out part
 * (30%) with a fixed, recorded seed, so the split is reproducible and each batch was split before
 * any of its results were looked at. Batches are split one by one, so adding a batch never moves
 * an earlier case between the parts.
 *
 * A held-out part is blind only until its misses have been read. Once a round has scored it and
 * reported it, the next round retires it: its cases go to field-retired.jsonl, which is tuned on
 * like the development split and reported on its own, and a freshly collected batch provides the
 * new held-out split (field-heldout.jsonl), never used to tune rules or the calibration. A batch
 * collected only to test (TEST_ONLY_BATCHES) is held out whole.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from './mulberry32';

export const SPLIT_SEED = 15_2026;
export const HELD_OUT_SHARE = 0.3;

const DIR = join(__dirname, '..', 'test', 'fixtures', 'classifier');
/** Collection batches, in the order they were collected. */
export const BATCHES = [
  'field-cases.jsonl',
  'field-cases-batch2.jsonl',
  'field-cases-batch3.jsonl',
  'field-cases-batch4.jsonl',
  'field-cases-batch5.jsonl',
  'field-cases-batch6.jsonl',
  'field-cases-batch7.jsonl',
  'field-cases-batch8.jsonl',
  'field-cases-batch9.jsonl',
  'field-cases-batch10.jsonl',
];
/**
 * Batches whose held-out part was scored and its misses read in an earlier round (batches 1-3:
 * scored blind at the end of round 2, 28/33; batches 4, 5 and 6: scored blind in round 3, 26/29,
 * 9/11 and 7/8; batches 7 and 8: scored blind in round 4, 24/26 and 4/5). Their held-out cases are
 * development data now.
 */
export const RETIRED_BATCHES: readonly string[] = BATCHES.slice(0, 8);

/**
 * Batches collected only to test: every case is held out (none is a development case), so the
 * classifier as it stands after tuning on the other batches is measured on all of them at once.
 */
export const TEST_ONLY_BATCHES: readonly string[] = ['field-cases-batch10.jsonl'];

/** The share of a batch that is held out. */
export function heldOutShareOf(batch: string): number {
  return TEST_ONLY_BATCHES.includes(batch) ? 1 : HELD_OUT_SHARE;
}

/** Fisher-Yates with the seeded PRNG; returns [development, held-out]. */
export function splitRows<T>(rows: readonly T[], seed = SPLIT_SEED, share = HELD_OUT_SHARE): [T[], T[]] {
  const random = mulberry32(seed);
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const heldOutCount = Math.round(rows.length * share);
  const heldOut = new Set(order.slice(0, heldOutCount));
  return [rows.filter((_, i) => !heldOut.has(i)), rows.filter((_, i) => heldOut.has(i))];
}

function main(): void {
  const dev: string[] = [];
  const retired: string[] = [];
  const heldOut: string[] = [];
  let cases = 0;
  for (const batch of BATCHES) {
    const lines = readFileSync(join(DIR, batch), 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    const [batchDev, batchHeldOut] = splitRows(lines, SPLIT_SEED, heldOutShareOf(batch));
    dev.push(...batchDev);
    (RETIRED_BATCHES.includes(batch) ? retired : heldOut).push(...batchHeldOut);
    cases += lines.length;
  }
  writeFileSync(join(DIR, 'field-dev.jsonl'), `${dev.join('\n')}\n`);
  writeFileSync(join(DIR, 'field-retired.jsonl'), `${retired.join('\n')}\n`);
  writeFileSync(join(DIR, 'field-heldout.jsonl'), `${heldOut.join('\n')}\n`);
  process.stdout.write(
    `${JSON.stringify({ seed: SPLIT_SEED, share: HELD_OUT_SHARE, batches: BATCHES.length, cases, dev: dev.length, retired: retired.length, heldOut: heldOut.length })}\n`,
  );
}

if (require.main === module) main();
