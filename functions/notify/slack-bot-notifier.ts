/**
 * Slack bot-token mode (Web API). The first ALARM opens a thread with a short parent (one phone
 * screen), the full detail as its first reply and the incident graph; alarms joining the open
 * incident edit the parent ("also firing"); a re-fire after the resolution replies and turns the
 * parent back to firing; OK replies "resolved after N min" and updates the parent. Every post
 * carries the event as message metadata and a resumed send looks for it first (slack-lookup.ts).
 * Ref: { channel, ts, title, rootCause }.
 */
import type { DestinationRef, IncidentSummary, Notifier, SendContext } from '../types';
import { DeliveryError } from './errors';
import { noGraphSlackMessage } from './graph/incident-graph';
import { uploadToThread } from './graph/slack-upload';
import type { NotifierDeps } from './notifier-deps';
import { outlineOf } from './outline';
import type { SlackMessage } from './render-slack';
import { renderSlack, renderSlackResolvedNote } from './render-slack';
import { renderSlackParent } from './render-slack-parent';
import type { SlackMetadata } from './slack-lookup';
import { findByMetadata, lookupQuery, slackMetadata } from './slack-lookup';
import type { SlackApiReply, SlackBotConfig } from './slack-web-api';
import { slackWebApi } from './slack-web-api';
import { stepsOf } from './step-log';

export function createSlackBotNotifier(config: SlackBotConfig, deps: NotifierDeps): Notifier {
  const interactive = config.interactive === true;
  const call = slackWebApi(config, deps);

  async function post(
    message: SlackMessage,
    signal: AbortSignal,
    threadTs?: string,
    channel = config.channel,
    metadata?: SlackMetadata,
  ): Promise<SlackApiReply> {
    const body = {
      channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(metadata === undefined ? {} : { metadata }),
    };
    return call('chat.postMessage', threadTs === undefined ? body : { ...body, thread_ts: threadTs }, signal);
  }

  /** The message of this event and step, if an earlier attempt posted it; undefined when not found or not allowed to look. */
  async function lookup(
    channel: string,
    threadTs: string | undefined,
    since: string,
    metadata: SlackMetadata,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    const { method, params } = lookupQuery(channel, threadTs, since);
    try {
      return findByMetadata((await call(method, undefined, signal, params))['messages'], metadata);
    } catch (error) {
      // Without the history scope the lookup cannot help: post (at least once rather than never).
      if (error instanceof DeliveryError && !error.retryable) return undefined;
      throw error;
    }
  }

  /** Posts once per event and step: a resumed send finds the message an earlier attempt posted. */
  async function postOnce(
    summary: IncidentSummary,
    context: SendContext | undefined,
    step: string,
    message: SlackMessage,
    signal: AbortSignal,
    threadTs?: string,
    channel = config.channel,
  ): Promise<SlackApiReply> {
    const metadata = slackMetadata(summary.incidentId, context, step);
    if (metadata !== undefined && context?.resumed === true) {
      const ts = await lookup(channel, threadTs, summary.stateChangeTime, metadata, signal);
      if (ts !== undefined) return { ok: true, channel, ts };
    }
    return post(message, signal, threadTs, channel, metadata);
  }

  async function editParent(channel: string, ts: string, parent: SlackMessage, signal: AbortSignal): Promise<void> {
    await call('chat.update', { channel, ts, text: parent.text, blocks: parent.blocks }, signal);
  }

  /**
   * The incident graph as a thread reply, or the reason there is none (never an empty chart);
   * best effort: a missing graph never fails the delivery.
   */
  async function postGraph(
    summary: IncidentSummary,
    opened: DestinationRef,
    signal: AbortSignal,
    context: SendContext | undefined,
  ): Promise<void> {
    const channel = opened['channel'];
    const threadTs = opened['ts'];
    if (deps.graph === undefined || channel === undefined || threadTs === undefined) return;
    try {
      const graph = await deps.graph(summary, signal);
      if (graph === undefined) return;
      if ('missing' in graph) {
        await postOnce(summary, context, 'graph', noGraphSlackMessage(graph.missing), signal, threadTs, channel);
        return;
      }
      const { png } = graph;
      await uploadToThread(
        (method, body) => call(method, body, signal),
        {
          channel,
          threadTs,
          png,
          filename: `${summary.incidentId}.png`,
          title: `${outlineOf(summary).apiStage}: 5XX, requests, p99 integration latency`,
        },
        { signal, ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }) },
      );
    } catch {
      // The thread already holds the full detail; the graph is a convenience.
    }
  }

  function refOf(summary: IncidentSummary, reply: SlackApiReply): DestinationRef {
    const outline = outlineOf(summary);
    if (reply.ts === undefined)
      throw new DeliveryError('slack chat.postMessage: no ts in the response', { retryable: false });
    return {
      channel: reply.channel ?? config.channel,
      ts: reply.ts,
      title: outline.title,
      rootCause: outline.rootCauseClass ?? '',
      openedAt: summary.stateChangeTime,
    };
  }

  async function send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef> {
    const parentTs = ref?.ts;
    const channel = ref?.channel ?? config.channel;
    const step = stepsOf(context);
    if (parentTs === undefined) {
      if (summary.kind === 'resolved' && summary.leading === null)
        return refOf(summary, await postOnce(summary, context, 'open', renderSlackResolvedNote(summary), signal));
      // The short parent, then the full detail as its first thread reply (nothing left out), then the graph.
      const parent = renderSlackParent(summary, { interactive });
      const opened = refOf(summary, await postOnce(summary, context, 'open', parent, signal));
      const detail = renderSlack(summary);
      await step('detail', () => postOnce(summary, context, 'detail', detail, signal, opened['ts'], opened['channel']));
      await step('graph', () => postGraph(summary, opened, signal, context));
      return opened;
    }
    const outcome = context?.outcome;
    if (outcome === 'join') {
      // The storm budget: the parent names the alarm ("also firing"); no reply.
      const parent = context?.parent;
      if (parent !== undefined)
        await step('edit', () => editParent(channel, parentTs, renderSlackParent(parent, { interactive }), signal));
      return ref ?? {};
    }
    if (summary.kind !== 'resolved') {
      await step('reply', () => postOnce(summary, context, 'reply', renderSlack(summary), signal, parentTs, channel));
      const parent = context?.parent;
      if (outcome === 'reopen' && parent !== undefined) {
        // Firing again: the parent no longer says RESOLVED.
        await step('reopen-update', () =>
          editParent(channel, parentTs, renderSlackParent(parent, { interactive }), signal),
        );
        return Object.fromEntries(Object.entries(ref ?? {}).filter(([k]) => k !== 'resolvedAt'));
      }
      return ref ?? {};
    }
    await step('resolve-reply', () =>
      postOnce(
        summary,
        context,
        'resolve-reply',
        renderSlackResolvedNote(summary, { title: ref?.title, openedAt: ref?.openedAt }),
        signal,
        parentTs,
        channel,
      ),
    );
    const parent = renderSlackParent(summary, { rootCauseHint: ref?.rootCause });
    await step('resolve-update', () => editParent(channel, parentTs, parent, signal));
    return { ...ref, resolvedAt: summary.stateChangeTime };
  }

  return { name: 'slack', send };
}
