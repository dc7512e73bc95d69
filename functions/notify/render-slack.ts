/**
 * Slack Block Kit rendering. Every text is escaped and cut to Slack's limits as it is built; a
 * final pass drops the least important blocks until the whole message fits, saying so.
 */
import type { KnownBlock } from '@slack/types';
import type { IncidentSummary } from '../types';
import type { Outline } from './outline';
import { outlineOf } from './outline';
import { codeBlock, context, escapeMrkdwn, fieldsBlock, fit, inlineCode, linkButtons, section } from './slack-blocks';
import { blockTextLength, SLACK_LIMITS, slackViolations } from './slack-limits';
import { joinWithin, moreLine, takeWithMore, truncate } from './truncate';
import type { WhySection } from './why-section';

export { escapeMrkdwn };

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export interface SlackRenderOptions {
  /** Root cause of the original message, for a resolved summary that carries no diagnosis. */
  readonly rootCauseHint?: string;
}

const EMOJI: Readonly<Record<Outline['status'], string>> = {
  alarm: '🔴',
  update: '🟠',
  resolved: '✅',
  'insufficient-data': '⚪',
};

/** Shown per kind before the message is cut further by the block/size budget. */
const MAX_LOG_EXAMPLES = 6;
const MAX_STEPS = 8;
const MAX_TEMPLATE = 200;
const MAX_EXAMPLE = 600;
const MAX_COMMAND = 1000;
const MAX_DETAIL = 400;
/** A bullet-list section (evidence, changes, could-not-check). */
const MAX_LIST = 1500;
/** One line of the "Why" section: its six lines and heading stay well inside a 3,000-character section. */
const MAX_WHY_LINE = 300;

/** Lists cut to fit, counted so the closing note can say how many of each were left out. */
type Group = 'log templates' | 'remediation steps' | 'sections';

/** A block with how much it matters: the budget pass drops the highest `drop` first, last first. */
interface Part {
  readonly block: KnownBlock;
  readonly drop: number;
  /** What to count when this block is dropped. @default 'sections' */
  readonly group?: Group;
}

interface Parts {
  readonly parts: Part[];
  /** Items left out before the budget pass (beyond the per-list maximum). */
  readonly hidden: Map<Group, number>;
}

export function headerText(outline: Outline, hint: string | undefined): string {
  const title = outline.rootCauseClass === null && hint !== undefined ? `${outline.title} · ${hint}` : outline.title;
  return truncate(`${EMOJI[outline.status]} ${title}`, SLACK_LIMITS.headerText);
}

function summaryPart(outline: Outline, hint: string | undefined): string {
  const lines: string[] = [];
  if (outline.resolvedLine !== null) lines.push(`*${fit(outline.resolvedLine, 300)}*`);
  const cause = outline.rootCauseText ?? (hint === undefined ? null : `${hint} (from the original alarm)`);
  if (cause !== null) lines.push(`*Root cause:* \`${outline.rootCauseClass ?? hint ?? ''}\` ${fit(cause, 300)}`);
  else if (outline.status !== 'resolved') lines.push('*Root cause:* not determined yet');
  lines.push(fit(outline.apiLong, 200));
  lines.push(outline.context.map((f) => `*${f.label}:* ${fit(f.value, 200)}`).join(' · '));
  return truncate(lines.join('\n'), 1200);
}

function stepText(index: number, step: Outline['steps'][number]): string {
  const parts = [`*${index + 1}. ${fit(step.title, 200)}*`];
  if (step.detail !== undefined && step.detail !== '') parts.push(fit(step.detail, MAX_DETAIL));
  if (step.command !== undefined && step.command !== '') parts.push(codeBlock(step.command, MAX_COMMAND));
  return parts.join('\n');
}

function logExampleText(example: Outline['logExamples'][number]): string {
  return `*${example.count.toLocaleString('en-US')}×* ${inlineCode(example.template, MAX_TEMPLATE)}\n${codeBlock(example.example, MAX_EXAMPLE)}`;
}

function bullets(lines: readonly string[], noun: string, heading: string): string {
  const body = joinWithin(
    lines.map((l) => `• ${fit(l, 300)}`),
    MAX_LIST - heading.length - 1,
    noun,
  );
  return `${heading}\n${body}`;
}

/** "*Why X (91%) and not Y*", then what decided it and what would change it, three bullets at most each. */
function whyText(why: WhySection): string {
  const lists = why.lists.flatMap((l) => [`_${l.label}:_`, ...l.items.map((item) => `• ${fit(item, MAX_WHY_LINE)}`)]);
  return [`*${fit(why.heading, 150)}*`, ...lists].join('\n');
}

function partsOf(outline: Outline, hint: string | undefined): Parts {
  const hidden = new Map<Group, number>();
  const parts: Part[] = [
    { block: { type: 'header', text: { type: 'plain_text', text: headerText(outline, hint), emoji: true } }, drop: 0 },
    { block: section(summaryPart(outline, hint)), drop: 0 },
    { block: fieldsBlock(outline.impact), drop: 0 },
  ];
  if (outline.sparkline !== null) {
    const s = outline.sparkline;
    parts.push({ block: context(`5XX per minute (${s.minutes} min, max ${s.max}): \`${s.bars}\``), drop: 1 });
  }
  if (outline.evidence.length > 0)
    parts.push({ block: section(bullets(outline.evidence, 'evidence items', '*Evidence*')), drop: 1 });
  if (outline.why !== null) parts.push({ block: section(whyText(outline.why)), drop: 2 });
  if (outline.logExamples.length > 0) {
    const { shown, hidden: more } = takeWithMore(outline.logExamples, MAX_LOG_EXAMPLES);
    hidden.set('log templates', more);
    shown.forEach((example, i) => {
      const heading = i === 0 ? '*Log templates* (one redacted example each)\n' : '';
      parts.push({
        block: section(`${heading}${logExampleText(example)}`),
        drop: i < 2 ? 1 : 4,
        group: 'log templates',
      });
    });
  }
  if (outline.changes.length > 0)
    parts.push({ block: section(bullets(outline.changes, 'changes', '*What changed*')), drop: 2 });
  if (outline.steps.length > 0) {
    const { shown, hidden: more } = takeWithMore(outline.steps, MAX_STEPS);
    hidden.set('remediation steps', more);
    shown.forEach((step, i) => {
      const heading = i === 0 ? '*Remediation*\n' : '';
      parts.push({
        block: section(`${heading}${stepText(i, step)}`),
        drop: i < 2 ? 1 : i < 3 ? 2 : 3,
        group: 'remediation steps',
      });
    });
  }
  if (outline.otherHypotheses.length > 0) {
    parts.push({ block: context(fit(`Other hypotheses: ${outline.otherHypotheses.join(' · ')}`, 500)), drop: 3 });
  }
  if (outline.notChecked.length > 0)
    parts.push({ block: section(bullets(outline.notChecked, 'checks', '*Could not check*')), drop: 2 });
  for (const block of linkButtons(outline)) parts.push({ block, drop: 1 });
  parts.push({ block: context(fit(outline.footer, 500)), drop: 0 });
  return { parts, hidden };
}

/** Room kept for the closing "…and N more" note. */
const NOTE_RESERVE = 300;

/**
 * Drop the least important blocks (latest first) until the message fits, then say what went,
 * per kind, in one note just above the footer.
 */
function withinBudget({ parts, hidden }: Parts): KnownBlock[] {
  const kept = [...parts];
  const size = (): number => kept.reduce((n, p) => n + blockTextLength(p.block), 0);
  const counts = new Map(hidden);
  const anyHidden = (): boolean => [...counts.values()].some((n) => n > 0);
  while (
    kept.length + (anyHidden() ? 1 : 0) > SLACK_LIMITS.blocksPerMessage ||
    size() + NOTE_RESERVE > SLACK_LIMITS.totalBlockText
  ) {
    const worst = Math.max(...kept.map((p) => p.drop));
    if (worst === 0) break;
    const index = kept.map((p) => p.drop).lastIndexOf(worst);
    const [removed] = kept.splice(index, 1);
    const group = removed?.group ?? 'sections';
    counts.set(group, (counts.get(group) ?? 0) + 1);
  }
  const blocks = kept.map((p) => p.block);
  const notes = [...counts.entries()].filter(([, n]) => n > 0).map(([group, n]) => moreLine(n, group));
  if (notes.length > 0) {
    const dropped = (counts.get('sections') ?? 0) > 0 || kept.length < parts.length;
    blocks.splice(blocks.length - 1, 0, context(`${notes.join(' · ')}${dropped ? ' (Slack message size limit)' : ''}`));
  }
  return blocks;
}

function fallbackText(outline: Outline, hint: string | undefined): string {
  const cause = outline.rootCauseText ?? hint ?? '';
  return truncate([outline.title, cause].filter((p) => p !== '').join(': '), SLACK_LIMITS.fallbackText);
}

/** The full incident message: the parent of a thread, a threaded update, or the resolved parent. */
export function renderSlack(summary: IncidentSummary, options: SlackRenderOptions = {}): SlackMessage {
  const outline = outlineOf(summary);
  const hint = options.rootCauseHint === '' ? undefined : options.rootCauseHint;
  const message: SlackMessage = { text: fallbackText(outline, hint), blocks: withinBudget(partsOf(outline, hint)) };
  return slackViolations(message).length === 0 ? message : minimalMessage(outline, hint);
}

/** The last resort when something slipped past the budget: header, one line, footer. */
function minimalMessage(outline: Outline, hint: string | undefined): SlackMessage {
  return {
    text: fallbackText(outline, hint),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headerText(outline, hint), emoji: true } },
      section(
        fit(`${outline.rootCauseText ?? 'Root cause not determined'}. Full details did not fit a Slack message.`, 1000),
      ),
      context(fit(outline.footer, 1000)),
    ],
  };
}

export interface OriginalMessage {
  /** The original headline ("ALARM · orders-api/prod · INTEGRATION_TIMEOUT"). */
  readonly title?: string;
  /** ISO time the original was posted. */
  readonly openedAt?: string;
}

/** The short "resolved" message: a thread reply in bot mode, a standalone message in webhook mode. */
export function renderSlackResolvedNote(summary: IncidentSummary, original: OriginalMessage = {}): SlackMessage {
  const outline = outlineOf(summary);
  const resolved = outline.resolvedLine ?? `Resolved: alarm ${summary.alarmName} is OK.`;
  const names = original.title === undefined ? outline.apiStage : original.title;
  const opened =
    original.openedAt === undefined ? '' : ` (opened ${original.openedAt.slice(0, 16).replace('T', ' ')} UTC)`;
  const text = truncate(`✅ ${resolved} ${names}${opened}`, SLACK_LIMITS.fallbackText);
  return {
    text,
    blocks: [
      section(fit(`✅ *${outline.apiStage}* ${resolved}\nOriginal: ${names}${opened}`, SLACK_LIMITS.sectionText)),
      context(fit(outline.footer, SLACK_LIMITS.textObject)),
    ],
  };
}
