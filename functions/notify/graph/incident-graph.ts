/**
 * The incident graph as a destination receives it: the PNG, or why there is none. "Why" is said in
 * the message where the graph would be ("No graph: no read role for account X"): a graph drawn
 * where the API's metrics are not is an empty chart that reads as evidence ("no errors"), so it is
 * never posted instead (account-graph.ts decides).
 */
import type { IncidentSummary } from '../../types';
import type { AdfDoc } from '../adf';
import { paragraph, text } from '../adf';
import type { SlackMessage } from '../render-slack';
import { context, fit } from '../slack-blocks';
import { SLACK_LIMITS } from '../slack-limits';

export type IncidentGraph =
  /** The PNG CloudWatch drew in the API's account. */
  | { readonly png: Uint8Array }
  /** No graph can be drawn for this incident, and why (no credential, no URL: safe to post). */
  | { readonly missing: string };

/**
 * The graph of an incident; undefined when there is nothing to post and nothing to say (CloudWatch
 * answered with something that is not a PNG). Rejects on a passing failure: the notifier posts the
 * rest of the incident without the graph (the graph never fails a delivery).
 */
export type GraphImage = (summary: IncidentSummary, signal: AbortSignal) => Promise<IncidentGraph | undefined>;

/** The line said where the graph would be. */
export function noGraphLine(missing: string): string {
  return `No graph: ${missing}`;
}

/** The Slack thread reply in place of the image. */
export function noGraphSlackMessage(missing: string): SlackMessage {
  const line = noGraphLine(missing);
  return { text: fit(line, SLACK_LIMITS.textObject), blocks: [context(`:grey_question: ${fit(line, 2_900)}`)] };
}

/** The Jira comment in place of the attachment. */
export function noGraphJiraComment(missing: string): AdfDoc {
  return { version: 1, type: 'doc', content: [paragraph(text(noGraphLine(missing)))] };
}
