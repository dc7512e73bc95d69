/**
 * Presses a button of a message the Slack stand-in holds, the way Slack does: a block_actions
 * payload with the button's own action_id and value, form-encoded, signed with the app's signing
 * secret (v0 HMAC), POSTed to the interactions function URL.
 */
import type { KnownBlock } from '@slack/types';
import { signedHeaders } from '../../functions/interactions/verify-signature';

export interface PressedButton {
  readonly status: number;
  /** Milliseconds until the endpoint answered (Slack allows 3 s). */
  readonly answeredInMs: number;
}

/** The button with `actionId` in `blocks`, with its value. */
export function findButton(blocks: readonly KnownBlock[], actionId: string): { value: string; text: string } {
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.action_id === actionId)
        return { value: element.value ?? '', text: element.text.text };
    }
  }
  throw new Error(`no button ${actionId} in the message`);
}

export function blockActionsBody(options: {
  readonly actionId: string;
  readonly value: string;
  readonly userId: string;
  readonly channel: string;
  readonly messageTs: string;
}): string {
  const payload = {
    type: 'block_actions',
    user: { id: options.userId, username: 'oncall', name: 'oncall', team_id: 'T0SANDBOX' },
    api_app_id: 'A0SANDBOX',
    container: { type: 'message', message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false },
    trigger_id: '1.2.sandbox',
    team: { id: 'T0SANDBOX', domain: 'sandbox' },
    channel: { id: options.channel, name: 'api-incidents' },
    message: { type: 'message', ts: options.messageTs },
    response_url: 'https://hooks.slack.invalid/actions/sandbox',
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'actions',
        value: options.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function pressButton(options: {
  readonly url: string;
  readonly signingSecret: string;
  readonly message: { readonly channel: string; readonly ts: string; readonly blocks?: readonly KnownBlock[] };
  readonly actionId: string;
  readonly userId: string;
}): Promise<PressedButton> {
  const button = findButton(options.message.blocks ?? [], options.actionId);
  const body = blockActionsBody({
    actionId: options.actionId,
    value: button.value,
    userId: options.userId,
    channel: options.message.channel,
    messageTs: options.message.ts,
  });
  const started = Date.now();
  const response = await fetch(options.url, {
    method: 'POST',
    headers: signedHeaders(options.signingSecret, body, Date.now()),
    body,
  });
  await response.text();
  return { status: response.status, answeredInMs: Date.now() - started };
}
