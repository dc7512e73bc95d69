/**
 * The subset of Atlassian Document Format the Jira renderer emits, with builders that never
 * produce what the schema rejects (empty text nodes, empty lists).
 */
export type AdfMark =
  | { readonly type: 'strong' }
  | { readonly type: 'em' }
  | { readonly type: 'code' }
  | { readonly type: 'link'; readonly attrs: { readonly href: string } };

export interface AdfText {
  readonly type: 'text';
  readonly text: string;
  readonly marks?: readonly AdfMark[];
}

export interface AdfHardBreak {
  readonly type: 'hardBreak';
}

export type AdfInline = AdfText | AdfHardBreak;

export interface AdfParagraph {
  readonly type: 'paragraph';
  readonly content?: readonly AdfInline[];
}

export interface AdfHeading {
  readonly type: 'heading';
  readonly attrs: { readonly level: 1 | 2 | 3 | 4 | 5 | 6 };
  readonly content: readonly AdfInline[];
}

export interface AdfCodeBlock {
  readonly type: 'codeBlock';
  readonly attrs?: { readonly language?: string };
  readonly content?: readonly AdfText[];
}

export interface AdfListItem {
  readonly type: 'listItem';
  readonly content: readonly (AdfParagraph | AdfCodeBlock)[];
}

export interface AdfBulletList {
  readonly type: 'bulletList';
  readonly content: readonly AdfListItem[];
}

export interface AdfOrderedList {
  readonly type: 'orderedList';
  readonly attrs?: { readonly order: number };
  readonly content: readonly AdfListItem[];
}

export interface AdfPanel {
  readonly type: 'panel';
  readonly attrs: { readonly panelType: 'info' | 'note' | 'warning' | 'error' | 'success' };
  readonly content: readonly AdfParagraph[];
}

export interface AdfRule {
  readonly type: 'rule';
}

export type AdfBlock = AdfParagraph | AdfHeading | AdfCodeBlock | AdfBulletList | AdfOrderedList | AdfPanel | AdfRule;

export interface AdfDoc {
  readonly version: 1;
  readonly type: 'doc';
  readonly content: readonly AdfBlock[];
}

/** A text node, or nothing for an empty string (the schema requires at least one character). */
export function text(value: string, ...marks: AdfMark[]): AdfText[] {
  if (value === '') return [];
  return marks.length === 0 ? [{ type: 'text', text: value }] : [{ type: 'text', text: value, marks }];
}

export const strong: AdfMark = { type: 'strong' };
export const code: AdfMark = { type: 'code' };

export function link(href: string): AdfMark {
  return { type: 'link', attrs: { href } };
}

export function paragraph(...content: readonly (AdfInline | readonly AdfInline[])[]): AdfParagraph {
  const inline = content.flat();
  return inline.length === 0 ? { type: 'paragraph' } : { type: 'paragraph', content: inline };
}

export function heading(level: AdfHeading['attrs']['level'], value: string): AdfHeading {
  return { type: 'heading', attrs: { level }, content: text(value === '' ? ' ' : value) };
}

export function codeBlock(value: string, language?: string): AdfCodeBlock {
  const base: AdfCodeBlock =
    language === undefined ? { type: 'codeBlock' } : { type: 'codeBlock', attrs: { language } };
  return value === '' ? base : { ...base, content: text(value) };
}

export function listItem(...content: readonly (AdfParagraph | AdfCodeBlock)[]): AdfListItem {
  return { type: 'listItem', content: content.length === 0 ? [paragraph()] : content };
}

/** A bullet list, or nothing when there are no items (the schema requires one). */
export function bulletList(items: readonly AdfListItem[]): AdfBulletList[] {
  return items.length === 0 ? [] : [{ type: 'bulletList', content: items }];
}

export function orderedList(items: readonly AdfListItem[]): AdfOrderedList[] {
  return items.length === 0 ? [] : [{ type: 'orderedList', attrs: { order: 1 }, content: items }];
}

export function panel(panelType: AdfPanel['attrs']['panelType'], ...content: readonly AdfParagraph[]): AdfPanel {
  return { type: 'panel', attrs: { panelType }, content: content.length === 0 ? [paragraph()] : content };
}

export const rule: AdfRule = { type: 'rule' };

export function doc(content: readonly AdfBlock[]): AdfDoc {
  return { version: 1, type: 'doc', content: content.length === 0 ? [paragraph()] : content };
}
