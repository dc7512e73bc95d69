/**
 * A Slack `block_actions` interaction (a button in the incident parent), parsed from the
 * form-encoded body (`payload=<json>`) into what the worker needs. Nothing in it is trusted beyond
 * its shape: the incident it names is looked up in the store before anything is done.
 */
import type { ActionId, ActionValue } from '../notify/render-slack-parent';
import { ACTION_IDS } from '../notify/render-slack-parent';

export interface IncidentAction {
  readonly action: ActionId;
  readonly value: ActionValue;
  readonly user: { readonly id: string; readonly name: string };
  readonly channel: string;
  /** The parent message's ts (the thread). */
  readonly messageTs: string;
  /** When Slack sent it (ISO), for "acknowledged at". */
  readonly at: string;
}

const KNOWN = new Set<string>(Object.values(ACTION_IDS));

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown, max = 255): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
}

/** The action, or undefined for anything that is not one of our buttons (answered 200, ignored). */
export function parseIncidentAction(rawBody: string, at: string): IncidentAction | undefined {
  const payloadText = new URLSearchParams(rawBody).get('payload');
  if (payloadText === null) return undefined;
  let payload: Record<string, unknown> | undefined;
  try {
    payload = record(JSON.parse(payloadText));
  } catch {
    return undefined;
  }
  if (payload?.['type'] !== 'block_actions') return undefined;
  const first = record(Array.isArray(payload['actions']) ? payload['actions'][0] : undefined);
  const action = text(first?.['action_id']);
  if (action === undefined || !KNOWN.has(action)) return undefined;
  let value: Record<string, unknown> | undefined;
  try {
    value = record(JSON.parse(text(first?.['value'], 2000) ?? ''));
  } catch {
    return undefined;
  }
  const incidentId = text(value?.['i']);
  const muteKey = text(value?.['k'], 1000);
  const user = record(payload['user']);
  const userId = text(user?.['id'], 64);
  const channel =
    text(record(payload['channel'])?.['id'], 64) ?? text(record(payload['container'])?.['channel_id'], 64);
  const messageTs =
    text(record(payload['container'])?.['message_ts'], 64) ?? text(record(payload['message'])?.['ts'], 64);
  if (
    incidentId === undefined ||
    muteKey === undefined ||
    userId === undefined ||
    channel === undefined ||
    messageTs === undefined
  )
    return undefined;
  return {
    action: action as ActionId,
    value: { i: incidentId, k: muteKey },
    user: { id: userId, name: text(user?.['username'], 80) ?? text(user?.['name'], 80) ?? userId },
    channel,
    messageTs,
    at,
  };
}
