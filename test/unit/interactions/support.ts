/** A block_actions body exactly as Slack posts it (form-encoded `payload`), for one of our buttons. */
export function blockActionsBody(actionId: string, value: { i: string; k: string }, user = 'U0ONCALL1'): string {
  const payload = {
    type: 'block_actions',
    user: { id: user, username: 'oncall', name: 'oncall', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1714564980.000100', channel_id: 'C0INCIDENTS', is_ephemeral: false },
    trigger_id: '123.456.abc',
    team: { id: 'T0TEAM', domain: 'acme' },
    channel: { id: 'C0INCIDENTS', name: 'incidents' },
    message: { type: 'message', ts: '1714564980.000100', text: 'ALARM' },
    response_url: 'https://hooks.slack.com/actions/T0TEAM/1/abc',
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Acknowledge', emoji: true },
        value: JSON.stringify(value),
        action_ts: '1714565000.000200',
      },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
