/** Readable Markdown: the CLI preview, and what a human reads from the generic webhook. */
import type { IncidentSummary } from '../types';
import type { Outline } from './outline';
import { outlineOf } from './outline';
import { moreLine, takeWithMore, truncate } from './truncate';

const MAX_ITEMS = 50;
/** A line of the "Why" section: a glance (OpsItem keeps 2,048 characters of this text in all). */
const MAX_WHY_LINE = 300;

function fence(value: string, language = ''): string {
  const ticks = value.includes('```') ? '~~~' : '```';
  return `${ticks}${language}\n${value}\n${ticks}`;
}

function list(lines: readonly string[], noun: string): string[] {
  const { shown, hidden } = takeWithMore(lines, MAX_ITEMS);
  return [...shown.map((l) => `- ${l}`), ...(hidden > 0 ? [`- ${moreLine(hidden, noun)}`] : [])];
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`## ${title}`, '', ...lines, ''];
}

/** "## Why X (91%) and not Y" with what decided it and what would change it, beside the evidence. */
function why(outline: Outline): string[] {
  if (outline.why === null) return [];
  return section(
    outline.why.heading,
    outline.why.lists.flatMap((l) => [
      `**${l.label}:**`,
      ...l.items.map((item) => `- ${truncate(item, MAX_WHY_LINE)}`),
      '',
    ]),
  );
}

function steps(outline: Outline): string[] {
  const { shown, hidden } = takeWithMore(outline.steps, MAX_ITEMS);
  const lines = shown.flatMap((s, i) => {
    const head = `${i + 1}. **${s.title}**${s.detail === undefined || s.detail === '' ? '' : ` — ${s.detail}`}`;
    const command = s.command === undefined || s.command === '' ? [] : [fence(s.command, 'sh').replace(/^/gm, '   ')];
    return [head, ...command];
  });
  return hidden > 0 ? [...lines, moreLine(hidden, 'remediation steps')] : lines;
}

function logs(outline: Outline): string[] {
  const { shown, hidden } = takeWithMore(outline.logExamples, MAX_ITEMS);
  const lines = shown.flatMap((e) => [
    `**${e.count.toLocaleString('en-US')}×** \`${e.template.replace(/`/g, "'")}\``,
    '',
    fence(e.example),
    '',
  ]);
  return hidden > 0 ? [...lines, moreLine(hidden, 'log templates')] : lines;
}

export function renderMarkdown(summary: IncidentSummary): string {
  const o = outlineOf(summary);
  const cause =
    o.rootCauseClass === null
      ? o.status === 'resolved'
        ? []
        : ['**Root cause:** not determined yet']
      : [`**Root cause:** \`${o.rootCauseClass}\` ${o.rootCauseText ?? ''}`];
  const lines = [
    `# ${o.title}`,
    '',
    ...(o.resolvedLine === null ? [] : [`**${o.resolvedLine}**`, '']),
    // Right under the title: an OpsItem keeps only the first 2,048 characters.
    ...o.caveats.flatMap((line) => [`> **${line}**`, '']),
    ...cause,
    '',
    o.apiLong,
    '',
    ...o.context.map((f) => `- **${f.label}:** ${f.value}`),
    '',
    ...section('Impact', [
      ...o.impact.map((f) => `- **${f.label}:** ${f.value}`),
      ...(o.sparkline === null
        ? []
        : ['', `5XX per minute (${o.sparkline.minutes} min, max ${o.sparkline.max}): \`${o.sparkline.bars}\``]),
    ]),
    ...section('Evidence', list(o.evidence, 'evidence items')),
    ...why(o),
    ...section('Log templates (one redacted example each)', logs(o)),
    ...section('What changed', list(o.changes, 'changes')),
    ...section('Remediation', steps(o)),
    ...section('Other hypotheses', list(o.otherHypotheses, 'hypotheses')),
    ...section('Could not check', list(o.notChecked, 'checks')),
    ...section(
      'Links',
      list(
        o.links.map((l) => `[${l.label}](${l.url})`),
        'links',
      ),
    ),
    '---',
    o.footer,
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
