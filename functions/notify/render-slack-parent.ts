/**
 * The short parent of an incident thread: what a phone shows on one screen. State, API/stage,
 * cause and confidence in plain words, impact in one line, the one or two evidence lines that
 * decided it, the first remediation step with its command, and the buttons. Everything else (all
 * evidence, log templates, every step, what changed, could-not-check) goes in the first thread
 * reply, rendered by renderSlack (render-slack.ts), so nothing is lost.
 */
import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { IncidentSummary } from '../types';
import { CLASS_LABELS } from './class-labels';
import { formatCount, formatPct, formatTime } from './format';
import type { Outline } from './outline';
import { outlineOf } from './outline';
import type { SlackMessage, SlackRenderOptions } from './render-slack';
import { headerText } from './render-slack';
import { codeBlock, context, fit, isSafeUrl, linkButton, section } from './slack-blocks';
import { SLACK_LIMITS } from './slack-limits';
import { truncate } from './truncate';
import { muteKeyOf } from '../suppression/mute-key';

/** One phone screen: checked by the tests for every class and for the worst-case incident. */
export const PARENT_LIMITS = { blocks: 7, characters: 1_200 } as const;

/** The interactive buttons' action ids (the interactions Lambda dispatches on them). */
export const ACTION_IDS = {
  acknowledge: 'incident-ack',
  rerun: 'incident-rerun',
  mute1h: 'incident-mute-1h',
  muteUntilOk: 'incident-mute-until-ok',
  unmute: 'incident-unmute',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/** What a button carries back to the interactions Lambda (as its JSON `value`). */
export interface ActionValue {
  /** Incident id (the thread's incident). */
  readonly i: string;
  /** The API stage's mute key (muteKeyOf). */
  readonly k: string;
}

export interface ParentOptions extends SlackRenderOptions {
  /** Show Acknowledge / Re-run / Mute buttons (bot mode with the interactions Lambda deployed). */
  readonly interactive?: boolean;
  /** Shown once someone acknowledged ("Acknowledged by <@U1> at 12:07 UTC"); `by` is a Slack user id. */
  readonly acknowledged?: { readonly by: string; readonly at: string };
  /** Shown while the API stage is muted. */
  readonly muted?: { readonly by: string; /** ISO time; absent: until the alarm is OK. */ readonly until?: string };
}

const MAX_EVIDENCE = 2;
const MAX_EVIDENCE_LINE = 130;
/** A longer command is not cut (a cut command is dangerous to paste): the parent points to the thread. */
const MAX_COMMAND = 400;

/** "high confidence (91%)": the number alone means little at 3 a.m. */
export function confidenceWords(confidence: number): string {
  const pct = Math.round(confidence * 100);
  const words = confidence >= 0.8 ? 'high confidence' : confidence >= 0.5 ? 'likely' : 'low confidence';
  return `${words} (${pct}%)`;
}

function causeLine(summary: IncidentSummary, hint: string | undefined): string {
  const leading = summary.leading;
  if (leading === null)
    return hint === undefined
      ? '*Cause:* not determined yet'
      : `*Cause:* \`${fit(hint, 60)}\` (from the original alarm)`;
  const sub = leading.subCause === undefined ? '' : ` — ${fit(leading.subCause, 100)}`;
  return `*Cause:* ${CLASS_LABELS[leading.class]}, ${confidenceWords(leading.confidence)}${sub}`;
}

/** "18% of requests failed (406 5XX of 2,250) since 12:03 UTC". */
export function impactLine(summary: IncidentSummary): string {
  const i = summary.impact;
  const parts: string[] = [];
  if (i.errorRatePct !== null) parts.push(`${formatPct(i.errorRatePct)} of requests failed`);
  if (i.errors5xx !== null)
    parts.push(
      i.requests === null
        ? `${formatCount(i.errors5xx)} 5XX`
        : `(${formatCount(i.errors5xx)} 5XX of ${formatCount(i.requests)})`,
    );
  if (i.onset !== null) parts.push(`since ${formatTime(i.onset)}`);
  return parts.length === 0 ? 'impact not measured' : parts.join(' ');
}

function evidenceLines(outline: Outline): string[] {
  return outline.evidence.slice(0, MAX_EVIDENCE).map((line) => `• ${fit(line, MAX_EVIDENCE_LINE)}`);
}

function firstStep(outline: Outline): string | null {
  const step = outline.steps[0];
  if (step === undefined) return null;
  const title = `*First step:* ${fit(step.title, 120)}`;
  if (step.command === undefined || step.command === '') return title;
  if (step.command.length > MAX_COMMAND) return `${title}\n_(its command is in the thread: too long for this message)_`;
  return `${title}\n${codeBlock(step.command, MAX_COMMAND + 40)}`;
}

function actionButton(text: string, actionId: ActionId, value: ActionValue, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text, emoji: true },
    value: truncate(JSON.stringify(value), SLACK_LIMITS.buttonValue),
    ...(style === undefined ? {} : { style }),
  };
}

function buttons(summary: IncidentSummary, outline: Outline, options: ParentOptions): ActionsBlock | null {
  const elements: Button[] = [];
  const resolved = outline.status === 'resolved';
  if (options.interactive === true && !resolved) {
    const value: ActionValue = { i: summary.incidentId, k: muteKeyOf(summary) };
    if (options.acknowledged === undefined)
      elements.push(actionButton('Acknowledge', ACTION_IDS.acknowledge, value, 'primary'));
    elements.push(actionButton('Re-run diagnosis', ACTION_IDS.rerun, value));
    if (options.muted === undefined) {
      elements.push(actionButton('Mute 1 h', ACTION_IDS.mute1h, value));
      elements.push(actionButton('Mute until OK', ACTION_IDS.muteUntilOk, value, 'danger'));
    } else elements.push(actionButton('Unmute', ACTION_IDS.unmute, value));
  }
  const link = outline.links.find((l) => isSafeUrl(l.url));
  if (link !== undefined) elements.push(linkButton(link, 0, 40));
  return elements.length === 0 ? null : { type: 'actions', elements };
}

/** A Slack user id becomes a mention; anything else is shown as escaped text. */
export function mention(user: string): string {
  return /^[UW][A-Z0-9]{2,20}$/.test(user) ? `<@${user}>` : fit(user, 80);
}

function statusLines(options: ParentOptions): string[] {
  const lines: string[] = [];
  if (options.acknowledged !== undefined)
    lines.push(`👀 Acknowledged by ${mention(options.acknowledged.by)} at ${formatTime(options.acknowledged.at)}`);
  if (options.muted !== undefined)
    lines.push(
      `🔕 Muted by ${mention(options.muted.by)} ${options.muted.until === undefined ? 'until the alarm is OK' : `until ${formatTime(options.muted.until)}`}`,
    );
  return lines;
}

/** A caveat's room: the longest ("... may not read this alarm: <reason>; ...; redeploy ...") fits. */
const CAVEAT_MAX = 600;

/** The thread's parent (and its resolved edit), short enough for one phone screen. */
export function renderSlackParent(summary: IncidentSummary, options: ParentOptions = {}): SlackMessage {
  const outline = outlineOf(summary);
  const hint = options.rootCauseHint === '' ? undefined : options.rootCauseHint;
  const lead: string[] = [];
  // Caveats (alarm state not verified, diagnosis not run) whole: their instruction comes last.
  if (outline.resolvedLine !== null) lead.push(`*${fit(outline.resolvedLine, CAVEAT_MAX)}*`);
  for (const line of outline.caveats) lead.push(`⚠️ ${fit(line, CAVEAT_MAX)}`);
  lead.push(causeLine(summary, hint), `*Impact:* ${fit(impactLine(summary), 200)}`);
  // The storm budget (#13): alarms of the stage that joined this incident get no reply of their
  // own; the parent is where they are named.
  if (summary.alsoFiring.length > 0) lead.push(`*Also firing:* ${fit(summary.alsoFiring.join(', '), 200)}`);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headerText(outline, hint), 100), emoji: true } },
    section(lead.join('\n')),
  ];
  const evidence = evidenceLines(outline);
  if (evidence.length > 0 && outline.status !== 'resolved') blocks.push(section(`*Why:*\n${evidence.join('\n')}`));
  const step = outline.status === 'resolved' ? null : firstStep(outline);
  if (step !== null) blocks.push(section(step));
  const status = statusLines(options);
  if (status.length > 0) blocks.push(context(status.join('\n')));
  const actions = buttons(summary, outline, options);
  if (actions !== null) blocks.push(actions);
  blocks.push(context(fit(`Full detail in the thread 🧵 · incident ${summary.incidentId}`, 120)));
  const cause = outline.rootCauseText ?? hint ?? '';
  const message: SlackMessage = {
    text: truncate([outline.title, cause].filter((p) => p !== '').join(': '), SLACK_LIMITS.fallbackText),
    blocks,
  };
  return message;
}
