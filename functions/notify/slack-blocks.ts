/** Block Kit building blocks shared by the parent and the detail renderers: escaped, cut to Slack's limits. */
import type { ActionsBlock, Button, ContextBlock, KnownBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import type { Link } from '../types';
import type { Fact, Outline } from './outline';
import { SLACK_LIMITS } from './slack-limits';
import { joinWithin, takeWithMore, truncate } from './truncate';

/** Link buttons shown before the rest become a line of links. */
const MAX_BUTTONS = 5;

/** Slack's three control characters; everything user-supplied goes through this. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped and within `max` after escaping (escaping lengthens the text). */
export function fit(raw: string, max: number): string {
  let cut = max;
  for (;;) {
    const escaped = escapeMrkdwn(truncate(raw, cut));
    if (escaped.length <= max || cut <= 1) return escaped.length <= max ? escaped : '…';
    cut -= escaped.length - max;
  }
}

/** Text for a code block: no fence can be closed early by the content. */
export function codeBlock(raw: string, max: number): string {
  const body = fit(raw.replace(/```/g, '`\u200b``'), max - 8);
  return `\`\`\`\n${body}\n\`\`\``;
}

export function inlineCode(raw: string, max: number): string {
  return `\`${fit(raw.replace(/`/g, "'"), max - 2)}\``;
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: text === '' ? ' ' : text } };
}

export function context(text: string): ContextBlock {
  const element: MrkdwnElement = { type: 'mrkdwn', text: text === '' ? ' ' : text };
  return { type: 'context', elements: [element] };
}

export function fieldsBlock(facts: readonly Fact[]): SectionBlock {
  return {
    type: 'section',
    fields: facts.slice(0, SLACK_LIMITS.sectionFields).map((f) => ({
      type: 'mrkdwn' as const,
      text: `*${fit(f.label, 100)}*\n${fit(f.value, SLACK_LIMITS.fieldText - 120)}`,
    })),
  };
}

export function isSafeUrl(url: string): boolean {
  if (url.length > SLACK_LIMITS.buttonUrl) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A button that opens `link` (its label cut to `maxText`; an empty label reads "Open"). */
export function linkButton(link: Link, index: number, maxText: number = SLACK_LIMITS.buttonText): Button {
  return {
    type: 'button',
    action_id: `link-${index}`,
    text: { type: 'plain_text', text: truncate(link.label === '' ? 'Open' : link.label, maxText), emoji: true },
    url: link.url,
  };
}

export function linkButtons(outline: Outline, max = MAX_BUTTONS): KnownBlock[] {
  const usable = outline.links.filter((l) => isSafeUrl(l.url));
  const { shown, hidden } = takeWithMore(usable, max);
  if (shown.length === 0) return [];
  const buttons = shown.map((link, i) => linkButton(link, i));
  const blocks: KnownBlock[] = [{ type: 'actions', elements: buttons } satisfies ActionsBlock];
  if (hidden > 0) {
    const rest = usable.slice(max).map((l) => `<${l.url.replace(/[|>]/g, encodeURIComponent)}|${fit(l.label, 75)}>`);
    blocks.push(context(joinWithin(rest, SLACK_LIMITS.textObject, 'links', ' · ')));
  }
  return blocks;
}
