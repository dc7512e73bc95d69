/**
 * `npm run bench:slack-parent`: the size of the Slack thread parent, before (the full message the
 * old renderer posted as the parent, now the first thread reply) and after (the short parent), for
 * the demo incidents (summaries recorded from `npm run demo`) and the summary fixtures.
 * Prints one line per incident, then one JSON object with the figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KnownBlock } from '@slack/types';
import { renderSlack } from '../functions/notify/render-slack';
import { renderSlackParent } from '../functions/notify/render-slack-parent';
import { blockTextLength } from '../functions/notify/slack-limits';
import type { IncidentSummary } from '../functions/types';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'summaries');

interface Size {
  readonly blocks: number;
  readonly characters: number;
}

function sizeOf(blocks: readonly KnownBlock[]): Size {
  return { blocks: blocks.length, characters: blocks.reduce((n, b) => n + blockTextLength(b), 0) };
}

function load(): { name: string; summary: IncidentSummary }[] {
  const demo = JSON.parse(readFileSync(join(FIXTURES, 'demo', 'demo-incidents.json'), 'utf8')) as IncidentSummary[];
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      name: `fixture ${f}`,
      summary: JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as IncidentSummary,
    }));
  return [
    ...demo.map((summary) => ({ name: `demo ${summary.kind} ${summary.api.name ?? summary.api.id ?? ''}`, summary })),
    ...fixtures,
  ];
}

const rows = load().map(({ name, summary }) => {
  const before = sizeOf(renderSlack(summary).blocks);
  const after = sizeOf(renderSlackParent(summary, { interactive: true }).blocks);
  process.stdout.write(
    `${name.padEnd(52)} before ${String(before.characters).padStart(5)} chars ${String(before.blocks).padStart(2)} blocks  ->  parent ${String(after.characters).padStart(4)} chars ${after.blocks} blocks\n`,
  );
  return { name, before, after };
});
const demoOpen = rows.filter((r) => r.name.startsWith('demo open'));
const max = (values: number[]): number => Math.max(...values);
process.stdout.write(
  `${JSON.stringify({
    demoOpenBefore: {
      maxCharacters: max(demoOpen.map((r) => r.before.characters)),
      maxBlocks: max(demoOpen.map((r) => r.before.blocks)),
    },
    demoOpenAfter: {
      maxCharacters: max(demoOpen.map((r) => r.after.characters)),
      maxBlocks: max(demoOpen.map((r) => r.after.blocks)),
    },
    allAfter: {
      maxCharacters: max(rows.map((r) => r.after.characters)),
      maxBlocks: max(rows.map((r) => r.after.blocks)),
    },
  })}\n`,
);
