/**
 * The Slack stand-in: the Web API (chat.postMessage, chat.update, conversations.history and
 * conversations.replies, with bearer-token auth) and the incoming webhook. It keeps the messages
 * and threads a real workspace would and rejects payloads over Slack's limits.
 */
import type { KnownBlock } from '@slack/types';
import { slackViolations } from '../../functions/notify/slack-limits';
import type { Reply } from './fake-http';
import { str } from './fake-http';

export interface SlackRecordedMessage {
  readonly channel: string;
  readonly ts: string;
  /** Set on thread replies. */
  readonly thread_ts?: string;
  readonly text: string;
  readonly blocks: readonly KnownBlock[];
  readonly via: 'api' | 'webhook';
  /** How many times chat.update replaced it. */
  readonly edits: number;
  /** Message metadata as posted ({event_type, event_payload}). */
  readonly metadata?: unknown;
}

interface MutableSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks: readonly KnownBlock[];
  via: 'api' | 'webhook';
  edits: number;
  metadata?: unknown;
}

export interface FakeSlack {
  /** A Web API call; `method` is e.g. "chat.postMessage". */
  api(method: string, headers: Record<string, string>, body: Record<string, unknown>): Reply;
  webhook(body: Record<string, unknown>): Reply;
  /** Messages in posting order, as they are now (after chat.update). */
  messages(): SlackRecordedMessage[];
  reset(): void;
}

/** Slack's reads: a channel's top-level messages newest first, or a thread (parent first). */
function slackRead(
  messages: readonly MutableSlackMessage[],
  method: string,
  body: Record<string, unknown>,
): Reply | undefined {
  if (method !== 'conversations.history' && method !== 'conversations.replies') return undefined;
  const channel = str(body.channel);
  const withMetadata = String(body.include_all_metadata) === 'true';
  const shown = (m: MutableSlackMessage) => ({
    type: 'message',
    ts: m.ts,
    text: m.text,
    ...(m.thread_ts === undefined ? {} : { thread_ts: m.thread_ts }),
    ...(withMetadata && m.metadata !== undefined ? { metadata: m.metadata } : {}),
  });
  if (method === 'conversations.replies') {
    const ts = str(body.ts);
    const parent = messages.find((m) => m.channel === channel && m.ts === ts);
    if (parent === undefined) return { status: 200, body: { ok: false, error: 'thread_not_found' } };
    const replies = messages.filter((m) => m.channel === channel && m.thread_ts === ts);
    return { status: 200, body: { ok: true, messages: [parent, ...replies].map(shown), has_more: false } };
  }
  const oldest = Number(str(body.oldest) ?? '0');
  const top = messages
    .filter((m) => m.channel === channel && m.thread_ts === undefined && Number(m.ts) >= oldest)
    .reverse();
  return { status: 200, body: { ok: true, messages: top.map(shown), has_more: false } };
}

function parseMetadata(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** @param slackToken the bearer token the Web API accepts. */
export function createFakeSlack(slackToken: string): FakeSlack {
  let messages: MutableSlackMessage[] = [];
  let tsCounter = 0;

  const nextTs = (): string => `${Math.floor(Date.now() / 1000)}.${String((tsCounter += 1)).padStart(6, '0')}`;

  function api(method: string, headers: Record<string, string>, body: Record<string, unknown>): Reply {
    if (headers.authorization !== `Bearer ${slackToken}`) {
      return {
        status: 200,
        body: { ok: false, error: headers.authorization === undefined ? 'not_authed' : 'invalid_auth' },
      };
    }
    const channel = str(body.channel);
    if (channel === undefined || channel === '')
      return { status: 200, body: { ok: false, error: 'channel_not_found' } };
    const read = slackRead(messages, method, body);
    if (read !== undefined) return read;
    const blocks = (Array.isArray(body.blocks) ? body.blocks : []) as KnownBlock[];
    const text = str(body.text) ?? '';
    if (slackViolations({ text, blocks }).length > 0)
      return { status: 200, body: { ok: false, error: 'invalid_blocks' } };
    if (method === 'chat.postMessage') {
      const threadTs = str(body.thread_ts);
      if (threadTs !== undefined && !messages.some((m) => m.ts === threadTs && m.channel === channel)) {
        return { status: 200, body: { ok: false, error: 'thread_not_found' } };
      }
      const message: MutableSlackMessage = { channel, ts: nextTs(), text, blocks, via: 'api', edits: 0 };
      if (threadTs !== undefined) message.thread_ts = threadTs;
      if (body.metadata !== undefined) message.metadata = parseMetadata(body.metadata);
      messages.push(message);
      return { status: 200, body: { ok: true, channel, ts: message.ts, message: { text, blocks } } };
    }
    if (method === 'chat.update') {
      const target = messages.find((m) => m.ts === str(body.ts) && m.channel === channel);
      if (target === undefined) return { status: 200, body: { ok: false, error: 'message_not_found' } };
      target.text = text;
      target.blocks = blocks;
      target.edits += 1;
      return { status: 200, body: { ok: true, channel, ts: target.ts, text } };
    }
    return { status: 200, body: { ok: false, error: 'unknown_method' } };
  }

  function webhook(body: Record<string, unknown>): Reply {
    const blocks = (Array.isArray(body.blocks) ? body.blocks : []) as KnownBlock[];
    const text = str(body.text) ?? '';
    if (slackViolations({ text, blocks }).length > 0) return { status: 400, body: 'invalid_blocks' };
    messages.push({ channel: 'webhook', ts: nextTs(), text, blocks, via: 'webhook', edits: 0 });
    return { status: 200, body: 'ok' };
  }

  return {
    api,
    webhook,
    messages: () => messages.map((m) => ({ ...m })),
    reset: () => {
      messages = [];
    },
  };
}
