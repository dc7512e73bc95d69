/**
 * Jira rendering: the issue summary line and Atlassian Document Format bodies for the
 * description, update comments and the resolved comment. Kept under Jira's 32,767-character
 * field limit by dropping log examples first, saying how many.
 */
import type { IncidentSummary } from '../types';
import type { AdfBlock, AdfDoc, AdfListItem } from './adf';
import {
  bulletList,
  code,
  codeBlock,
  doc,
  heading,
  link,
  listItem,
  orderedList,
  panel,
  paragraph,
  rule,
  strong,
  text,
} from './adf';
import type { Outline } from './outline';
import { outlineOf } from './outline';
import { moreLine, takeWithMore, truncate } from './truncate';

/** Jira's limit for a text field is 32,767 characters; the JSON is kept below it with margin. */
export const JIRA_BODY_BUDGET = 30_000;
/** Jira's summary field limit. */
export const JIRA_SUMMARY_MAX = 255;

/** How much of each list and line fits; halved until the document is within the budget. */
interface Limits {
  readonly items: number;
  readonly line: number;
  readonly examples: number;
}

/** A line of the "Why" section: it is a glance, the evidence itself is listed in full above it. */
const MAX_WHY_LINE = 500;

const GENEROUS: Limits = { items: 25, line: 2000, examples: 25 };
const SMALLEST: Limits = { items: 3, line: 200, examples: 0 };

export function jiraIssueSummary(summary: IncidentSummary): string {
  const o = outlineOf(summary);
  const cause = o.rootCauseClass === null ? 'API Gateway 5XX alarm' : o.rootCauseClass;
  return truncate(
    `[apigw-responder] ${o.apiStage}: ${cause} (${summary.alarmName})`.replace(/\s+/g, ' '),
    JIRA_SUMMARY_MAX,
  );
}

function bullets(lines: readonly string[], noun: string, limits: Limits): AdfBlock[] {
  const { shown, hidden } = takeWithMore(lines, limits.items);
  const items = shown.map((l) => listItem(paragraph(text(truncate(l, limits.line)))));
  if (hidden > 0) items.push(listItem(paragraph(text(moreLine(hidden, noun)))));
  return bulletList(items);
}

function section(title: string, blocks: readonly AdfBlock[]): AdfBlock[] {
  return blocks.length === 0 ? [] : [heading(3, title), ...blocks];
}

/** "Why X (91%) and not Y" with what decided it and what would change it, beside the evidence. */
function whyBlocks(outline: Outline, limits: Limits): AdfBlock[] {
  if (outline.why === null) return [];
  const short = { ...limits, line: Math.min(limits.line, MAX_WHY_LINE) };
  return section(
    truncate(outline.why.heading, short.line),
    outline.why.lists.flatMap((l) => [paragraph(text(`${l.label}:`, strong)), ...bullets(l.items, 'items', short)]),
  );
}

function logBlocks(outline: Outline, limits: Limits): AdfBlock[] {
  const { shown, hidden } = takeWithMore(outline.logExamples, limits.examples);
  const blocks: AdfBlock[] = shown.flatMap((e) => [
    paragraph(
      text(`${e.count.toLocaleString('en-US')}× `, strong),
      text(truncate(e.template, Math.min(500, limits.line)), code),
    ),
    codeBlock(truncate(e.example, limits.line)),
  ]);
  if (hidden > 0) blocks.push(paragraph(text(moreLine(hidden, 'log templates'))));
  return blocks;
}

function stepItems(outline: Outline, limits: Limits): AdfListItem[] {
  const { shown, hidden } = takeWithMore(outline.steps, limits.items);
  const items = shown.map((step) =>
    listItem(
      paragraph(
        text(truncate(step.title, Math.min(500, limits.line)), strong),
        text(step.detail === undefined || step.detail === '' ? '' : ` — ${truncate(step.detail, limits.line)}`),
      ),
      ...(step.command === undefined || step.command === ''
        ? []
        : [codeBlock(truncate(step.command, limits.line * 1.5), 'shell')]),
    ),
  );
  if (hidden > 0) items.push(listItem(paragraph(text(moreLine(hidden, 'remediation steps')))));
  return items;
}

function linkItems(outline: Outline, limits: Limits): AdfListItem[] {
  return outline.links
    .slice(0, limits.items)
    .map((l) => listItem(paragraph(text(l.label === '' ? l.url : l.label, link(l.url)))));
}

function body(outline: Outline, limits: Limits): AdfBlock[] {
  const facts = (list: Outline['impact']): AdfBlock[] =>
    bulletList(
      list.map((f) => listItem(paragraph(text(`${f.label}: `, strong), text(truncate(f.value, limits.line))))),
    );
  const cause =
    outline.rootCauseClass === null
      ? paragraph(
          text(
            outline.status === 'resolved' ? 'No diagnosis attached to this update.' : 'Root cause not determined yet.',
          ),
        )
      : paragraph(
          text('Root cause: ', strong),
          text(outline.rootCauseClass, code),
          text(` ${truncate(outline.rootCauseText ?? '', limits.line)}`),
        );
  return [
    ...(outline.resolvedLine === null ? [] : [panel('success', paragraph(text(outline.resolvedLine)))]),
    paragraph(text(truncate(outline.title, limits.line), strong)),
    cause,
    paragraph(text(truncate(outline.apiLong, limits.line))),
    ...facts(outline.context),
    ...section('Impact', [
      ...facts(outline.impact),
      ...(outline.sparkline === null
        ? []
        : [
            paragraph(
              text(`5XX per minute (${outline.sparkline.minutes} min, max ${outline.sparkline.max}): `),
              text(outline.sparkline.bars, code),
            ),
          ]),
    ]),
    ...section('Evidence', bullets(outline.evidence, 'evidence items', limits)),
    ...whyBlocks(outline, limits),
    ...section('Log templates (one redacted example each)', logBlocks(outline, limits)),
    ...section('What changed', bullets(outline.changes, 'changes', limits)),
    ...section('Remediation', orderedList(stepItems(outline, limits))),
    ...section('Other hypotheses', bullets(outline.otherHypotheses, 'hypotheses', limits)),
    ...section('Could not check', bullets(outline.notChecked, 'checks', limits)),
    ...section('Links', bulletList(linkItems(outline, limits))),
    rule,
    paragraph(text(outline.footer)),
  ];
}

/** The full incident as ADF: issue description, and the comment for a later alarm of the incident. */
export function renderJira(summary: IncidentSummary): AdfDoc {
  const outline = outlineOf(summary);
  let limits = GENEROUS;
  let rendered = doc(body(outline, limits));
  while (JSON.stringify(rendered).length > JIRA_BODY_BUDGET && limits.items > SMALLEST.items) {
    limits = {
      items: Math.max(SMALLEST.items, Math.floor(limits.items / 2)),
      line: Math.max(SMALLEST.line, Math.floor(limits.line / 2)),
      examples: Math.max(SMALLEST.examples, Math.floor(limits.examples / 2)),
    };
    rendered = doc(body(outline, limits));
  }
  return rendered;
}

/** The comment posted on OK. */
export function renderJiraResolvedComment(summary: IncidentSummary): AdfDoc {
  const outline = outlineOf(summary);
  return doc([
    panel('success', paragraph(text(outline.resolvedLine ?? `Alarm ${summary.alarmName} is OK.`))),
    paragraph(text(outline.title, strong)),
    paragraph(text(outline.footer)),
  ]);
}
