/**
 * Slack's limits for the blocks this project sends, and a checker that lists every violation.
 * Checked against Slack's documentation (docs.slack.dev / api.slack.com Block Kit reference):
 * - reference/block-kit/blocks: "up to 50 blocks in each message"; actions block max 25 elements
 * - header block: text max 150 characters
 * - section block: text max 3000 characters (min 1); fields max 10 items, each max 2000 characters
 * - context block: max 10 elements
 * - text composition object: min 1, max 3000 characters
 * - button element: text max 75, url max 3000, value max 2000, action_id max 255; block_id max 255
 * - chat.postMessage: `text` is truncated beyond 40,000 characters (we keep the fallback short)
 * The @slack/types 3.2.0 doc comments state the same numbers. Slack also rejects messages whose
 * blocks are too long in total (`msg_blocks_too_long`, undocumented, observed near 13,000
 * characters: slackapi/bolt-js#2509), so the total text is kept under a conservative budget.
 */
import type { KnownBlock, TextObject } from '@slack/types';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Our cap for the notification fallback `text` (Slack truncates at 40,000). */
  fallbackText: 3000,
  /** Our budget for all text inside blocks, below the observed msg_blocks_too_long threshold. */
  totalBlockText: 12_000,
} as const;

export interface SlackPayload {
  readonly text?: string;
  readonly blocks?: readonly KnownBlock[];
}

function checkText(path: string, text: TextObject | undefined, max: number, out: string[]): number {
  if (text === undefined) return 0;
  const length = text.text.length;
  if (length < 1) out.push(`${path}: empty text`);
  if (length > max) out.push(`${path}: ${length} > ${max} characters`);
  return length;
}

function checkUrl(path: string, url: string, out: string[]): void {
  if (url.length > SLACK_LIMITS.buttonUrl) out.push(`${path}: url ${url.length} > ${SLACK_LIMITS.buttonUrl}`);
  if (!/^https?:\/\//.test(url)) out.push(`${path}: url is not http(s)`);
}

/** Text length of one block; violations appended to `out`. Only the block types we send are allowed. */
function checkBlock(path: string, block: KnownBlock, out: string[]): number {
  if (block.block_id !== undefined && block.block_id.length > SLACK_LIMITS.blockId)
    out.push(`${path}: block_id too long`);
  switch (block.type) {
    case 'header':
      if (block.text.type !== 'plain_text') out.push(`${path}: header text must be plain_text`);
      return checkText(`${path}.text`, block.text, SLACK_LIMITS.headerText, out);
    case 'section': {
      if (block.text === undefined && (block.fields === undefined || block.fields.length === 0)) {
        out.push(`${path}: section needs text or fields`);
      }
      let total = checkText(`${path}.text`, block.text, SLACK_LIMITS.sectionText, out);
      const fields = block.fields ?? [];
      if (fields.length > SLACK_LIMITS.sectionFields)
        out.push(`${path}: ${fields.length} fields > ${SLACK_LIMITS.sectionFields}`);
      fields.forEach((f, i) => {
        total += checkText(`${path}.fields[${i}]`, f, SLACK_LIMITS.fieldText, out);
      });
      return total;
    }
    case 'context': {
      if (block.elements.length === 0) out.push(`${path}: context without elements`);
      if (block.elements.length > SLACK_LIMITS.contextElements)
        out.push(`${path}: ${block.elements.length} elements > ${SLACK_LIMITS.contextElements}`);
      let total = 0;
      block.elements.forEach((e, i) => {
        if (e.type === 'plain_text' || e.type === 'mrkdwn')
          total += checkText(`${path}.elements[${i}]`, e, SLACK_LIMITS.textObject, out);
      });
      return total;
    }
    case 'actions': {
      if (block.elements.length === 0) out.push(`${path}: actions without elements`);
      if (block.elements.length > SLACK_LIMITS.actionsElements)
        out.push(`${path}: ${block.elements.length} elements > ${SLACK_LIMITS.actionsElements}`);
      let total = 0;
      const ids = new Set<string>();
      block.elements.forEach((e, i) => {
        const p = `${path}.elements[${i}]`;
        if (e.type !== 'button') {
          out.push(`${p}: unexpected element ${e.type}`);
          return;
        }
        total += checkText(`${p}.text`, e.text, SLACK_LIMITS.buttonText, out);
        if (e.url !== undefined) checkUrl(p, e.url, out);
        if (e.value !== undefined && e.value.length > SLACK_LIMITS.buttonValue) out.push(`${p}: value too long`);
        if (e.action_id !== undefined) {
          if (e.action_id.length > SLACK_LIMITS.actionId) out.push(`${p}: action_id too long`);
          if (ids.has(e.action_id)) out.push(`${p}: duplicate action_id`);
          ids.add(e.action_id);
        }
      });
      return total;
    }
    case 'divider':
      return 0;
    default:
      out.push(`${path}: block type ${block.type} is not checked`);
      return 0;
  }
}

/** Every reason Slack would reject this payload (empty when it is acceptable). */
export function slackViolations(payload: SlackPayload): string[] {
  const out: string[] = [];
  const blocks = payload.blocks ?? [];
  if ((payload.text ?? '').length === 0 && blocks.length === 0) out.push('message has neither text nor blocks');
  if ((payload.text ?? '').length > SLACK_LIMITS.fallbackText)
    out.push(`text ${payload.text?.length} > ${SLACK_LIMITS.fallbackText}`);
  if (blocks.length > SLACK_LIMITS.blocksPerMessage)
    out.push(`${blocks.length} blocks > ${SLACK_LIMITS.blocksPerMessage}`);
  let total = 0;
  blocks.forEach((block, i) => {
    total += checkBlock(`blocks[${i}]`, block, out);
  });
  if (total > SLACK_LIMITS.totalBlockText)
    out.push(`block text ${total} > ${SLACK_LIMITS.totalBlockText} characters in total`);
  return out;
}

/** Total characters of text inside one block (the budget unit). */
export function blockTextLength(block: KnownBlock): number {
  return checkBlock('', block, []);
}
