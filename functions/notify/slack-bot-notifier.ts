/**
 * Slack bot-token mode (Web API). The first ALARM opens a thread with a short parent (one phone
 * screen) and the full detail as its first reply; later alarms reply in it; OK
 * replies "resolved after N min" and updates the parent. Ref: { channel, ts, title, rootCause }.
 */
import type { DestinationRef, IncidentSummary, Notifier } from '../types';
import type { SlackDestinationConfig } from '../runtime-config';
import { DeliveryError } from './errors';
import { uploadToThread } from './graph/slack-upload';
import { httpRequest, parseRetryAfter } from './http';
import type { NotifierDeps } from './notifier-deps';
import { outlineOf } from './outline';
import type { SlackMessage } from './render-slack';
import { renderSlack, renderSlackResolvedNote } from './render-slack';
import { renderSlackParent } from './render-slack-parent';
import { secretField } from './secrets';
import { createStepLog } from './step-log';

export const SLACK_API_BASE_URL = 'https://slack.com/api';

type BotConfig = Extract<SlackDestinationConfig, { mode: 'bot' }>;

/** Web API errors worth another attempt; every other `error` (invalid_auth, channel_not_found...) is final. */
const RETRYABLE_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

interface SlackApiReply {
  readonly ok: boolean;
  readonly error?: string;
  readonly channel?: string;
  readonly ts?: string;
  readonly [field: string]: unknown;
}

function isReply(value: unknown): value is SlackApiReply {
  return value !== null && typeof value === 'object' && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function createSlackBotNotifier(config: BotConfig, deps: NotifierDeps): Notifier {
  const base = (config.apiBaseUrl ?? SLACK_API_BASE_URL).replace(/\/+$/, '');
  const steps = createStepLog();
  const interactive = config.interactive === true;

  async function call(method: string, body: Record<string, unknown>, signal: AbortSignal): Promise<SlackApiReply> {
    const token = secretField(await deps.secrets(config.tokenSecretId), config.tokenSecretId, 'token', 'botToken');
    const response = await httpRequest({
      url: `${base}/${method}`,
      headers: { authorization: `Bearer ${token}` },
      body,
      signal,
      fetch: deps.fetch,
    });
    const reply = response.json;
    if (!isReply(reply))
      throw new DeliveryError(`slack ${method}: unexpected response`, { retryable: true, status: response.status });
    if (!reply.ok) {
      const error = reply.error ?? 'unknown_error';
      throw new DeliveryError(`slack ${method}: ${error}`, {
        retryable: RETRYABLE_ERRORS.has(error),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
        status: response.status,
      });
    }
    return reply;
  }

  async function post(
    message: SlackMessage,
    signal: AbortSignal,
    threadTs?: string,
    channel = config.channel,
  ): Promise<SlackApiReply> {
    const body = { channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false };
    return call('chat.postMessage', threadTs === undefined ? body : { ...body, thread_ts: threadTs }, signal);
  }

  /** The incident graph as a thread reply; best effort: a missing graph never fails the delivery. */
  async function postGraph(summary: IncidentSummary, opened: DestinationRef, signal: AbortSignal): Promise<void> {
    const channel = opened['channel'];
    const threadTs = opened['ts'];
    if (deps.graph === undefined || channel === undefined || threadTs === undefined) return;
    try {
      const png = await deps.graph(summary, signal);
      if (png === undefined) return;
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
  ): Promise<DestinationRef> {
    const parentTs = ref?.ts;
    const channel = ref?.channel ?? config.channel;
    if (parentTs === undefined) {
      if (summary.kind === 'resolved' && summary.leading === null)
        return refOf(summary, await post(renderSlackResolvedNote(summary), signal));
      // The short parent, then the full detail as its first thread reply (nothing left out).
      return steps.within(summary, async (step) => {
        const parent = await step('parent', () => post(renderSlackParent(summary, { interactive }), signal));
        const opened = refOf(summary, parent);
        await step('detail', () => post(renderSlack(summary), signal, opened['ts'], opened['channel']));
        await step('graph', () => postGraph(summary, opened, signal));
        return opened;
      });
    }
    if (summary.kind !== 'resolved') {
      await post(renderSlack(summary), signal, parentTs, channel);
      return ref ?? {};
    }
    return steps.within(summary, async (step) => {
      await step('resolved-reply', () =>
        post(
          renderSlackResolvedNote(summary, { title: ref?.title, openedAt: ref?.openedAt }),
          signal,
          parentTs,
          channel,
        ),
      );
      const parent = renderSlackParent(summary, { rootCauseHint: ref?.rootCause });
      await call('chat.update', { channel, ts: parentTs, text: parent.text, blocks: parent.blocks }, signal);
      return { ...ref, resolvedAt: summary.stateChangeTime };
    });
  }

  return { name: 'slack', send };
}
