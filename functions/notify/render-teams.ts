/**
 * The Microsoft Teams card: an Adaptive Card (schema 1.5, the newest Teams renders) wrapped in the
 * message a Teams Workflows webhook ("When a Teams webhook request is received") expects:
 * {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
 * "content":<card>}]}. Short like the Slack parent (state, API/stage, cause + confidence in plain
 * words, impact, why this class and not the runner-up, first step) with links to the full detail:
 * Teams has no thread to hold it. Only elements of Adaptive Cards 1.0–1.2 are used (TextBlock,
 * FactSet, Container, Action.OpenUrl), so older Teams clients render the card too. Content comes
 * from outline.ts, like every other destination.
 */
import type { IncidentSummary, Link } from '../types';
import { CLASS_LABELS } from './class-labels';
import { consoleGraphUrl } from './graph/metric-widget';
import type { Outline } from './outline';
import { outlineOf } from './outline';
import { confidenceWords, impactLine } from './render-slack-parent';
import { truncate } from './truncate';

export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const MAX_EVIDENCE = 2;
const MAX_LINE = 200;
const MAX_COMMAND = 400;
const MAX_ACTIONS = 4;
/** An item of the "Why X and not Y" lists, as long as an evidence line of the Slack parent. */
const MAX_WHY_ITEM = 130;
/** One of those lists in a TextBlock: three items even when escaping doubles them. */
const MAX_WHY_LIST = 3 * (2 * MAX_WHY_ITEM + 3) + 40;

export interface TeamsRenderOptions {
  /** Where the full detail lives besides the console (a Jira search for the incident's issue). */
  readonly detailLinks?: readonly Link[];
  /** Short id of the event, shown in the footer so a reader can tell a repeated post from a new one. */
  readonly eventId?: string;
  /** The opening message's title, for the resolved card. */
  readonly openedTitle?: string;
}

export type CardElement = Readonly<Record<string, unknown>>;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: string;
  readonly fallbackText: string;
  readonly body: readonly CardElement[];
  readonly actions?: readonly CardElement[];
}

export interface TeamsMessage {
  readonly type: 'message';
  readonly attachments: readonly [
    {
      readonly contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
      readonly contentUrl: null;
      readonly content: AdaptiveCard;
    },
  ];
}

function textBlock(text: string, extra: Record<string, unknown> = {}, max = MAX_LINE * 2): CardElement {
  return { type: 'TextBlock', text: truncate(text, max), wrap: true, ...extra };
}

/** Adaptive Card text is a Markdown subset: characters that would format are escaped. */
function plain(text: string): string {
  return text.replace(/([\\*_`[\]#>~|])/g, '\\$1');
}

function causeText(summary: IncidentSummary): string {
  const leading = summary.leading;
  if (leading === null) return 'not determined yet';
  const sub = leading.subCause === undefined ? '' : ` — ${leading.subCause}`;
  return `${CLASS_LABELS[leading.class]}, ${confidenceWords(leading.confidence)}${sub}`;
}

/**
 * What decided the cause: with the classifier's explanation, "Why X (91%) and not Y" and one
 * TextBlock per list (a Markdown list, items separated by \r as Teams documents); without it
 * (older records), the two deciding evidence lines. Three elements either way: the card stays short.
 */
function whyElements(outline: Outline): CardElement[] {
  const heading = (title: string): CardElement => textBlock(title, { weight: 'Bolder', spacing: 'Medium' });
  if (outline.why !== null)
    return [
      heading(plain(outline.why.heading)),
      ...outline.why.lists.map((l) =>
        textBlock(
          `${l.label}:\n\n${l.items.map((item) => `- ${plain(truncate(item, MAX_WHY_ITEM))}`).join('\r')}`,
          { spacing: 'None' },
          MAX_WHY_LIST,
        ),
      ),
    ];
  const evidence = outline.evidence.slice(0, MAX_EVIDENCE);
  if (evidence.length === 0) return [];
  return [
    heading('Why'),
    ...evidence.map((line) => textBlock(`- ${plain(truncate(line, MAX_LINE))}`, { spacing: 'None' })),
  ];
}

/** A URL Teams opens: https only, in its encoded form (a raw space or quote makes the card invalid). */
function openable(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** Where the full detail is: the caller's (the Jira issue), the metrics graph, then the summary's links. */
function links(summary: IncidentSummary, outline: Outline, options: TeamsRenderOptions): Link[] {
  const graph: Link = { label: 'Metrics graph', url: consoleGraphUrl(summary) };
  const all = [...(options.detailLinks ?? []), graph, ...outline.links];
  const seen = new Set<string>();
  const out: Link[] = [];
  for (const link of all) {
    const url = openable(link.url);
    if (url === undefined || seen.has(url)) continue;
    seen.add(url);
    out.push({ label: link.label, url });
  }
  return out;
}

/** The Adaptive Card for one incident event (ALARM, update, or resolved). */
export function renderTeamsCard(summary: IncidentSummary, options: TeamsRenderOptions = {}): AdaptiveCard {
  const outline = outlineOf(summary);
  const resolved = outline.status === 'resolved';
  const body: CardElement[] = [
    {
      type: 'Container',
      style: resolved ? 'good' : 'attention',
      items: [
        textBlock(plain(resolved && options.openedTitle !== undefined ? options.openedTitle : outline.title), {
          size: 'Medium',
          weight: 'Bolder',
        }),
        ...(outline.resolvedLine === null ? [] : [textBlock(plain(outline.resolvedLine))]),
        ...outline.caveats.map((line) => textBlock(plain(line), { color: 'Attention', weight: 'Bolder' })),
      ],
    },
    {
      type: 'FactSet',
      facts: [
        { title: 'State', value: outline.statusLabel },
        { title: 'API/stage', value: plain(outline.apiStage) },
        { title: 'Cause', value: plain(truncate(causeText(summary), MAX_LINE)) },
        { title: 'Impact', value: plain(truncate(impactLine(summary), MAX_LINE)) },
      ],
    },
  ];
  if (!resolved) {
    body.push(...whyElements(outline));
    const step = outline.steps[0];
    if (step !== undefined) {
      body.push(
        textBlock(`First step: ${plain(truncate(step.title, MAX_LINE))}`, { weight: 'Bolder', spacing: 'Medium' }),
      );
      if (step.command !== undefined && step.command !== '')
        body.push(
          step.command.length > MAX_COMMAND
            ? textBlock('Its command is in the full detail (too long for this card).', { isSubtle: true })
            : textBlock(step.command, { fontType: 'Monospace', spacing: 'Small' }),
        );
    }
  }
  body.push(
    textBlock(
      `Full detail: the links below · incident ${summary.incidentId}${options.eventId === undefined ? '' : ` · event ${options.eventId}`}`,
      { isSubtle: true, size: 'Small', spacing: 'Medium' },
    ),
  );
  const actions = links(summary, outline, options)
    .slice(0, MAX_ACTIONS)
    .map((l) => ({ type: 'Action.OpenUrl', title: truncate(l.label === '' ? 'Open' : l.label, 40), url: l.url }));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    fallbackText: truncate([outline.title, outline.rootCauseText ?? ''].filter((p) => p !== '').join(': '), MAX_LINE),
    body,
    ...(actions.length === 0 ? {} : { actions }),
  };
}

/** The request body a Teams Workflows webhook takes. */
export function teamsMessage(card: AdaptiveCard): TeamsMessage {
  return {
    type: 'message',
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, contentUrl: null, content: card }],
  };
}
