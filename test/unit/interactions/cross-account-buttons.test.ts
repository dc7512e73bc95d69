/**
 * The buttons of a cross-account metric alarm (the alarm in a monitoring account, the API and its
 * metric in another): the button's mute key must name the same API stage as the incident record
 * and the responder's mute check, or every press answers "no longer current" and a mute silences
 * nothing.
 */
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import type { ActionOutcome, WorkerDeps } from '../../../functions/interactions/perform-action';
import { performAction } from '../../../functions/interactions/perform-action';
import { MemoryInteractionStore } from '../../../functions/interactions/interaction-store';
import type { ActionValue } from '../../../functions/notify/render-slack-parent';
import { ACTION_IDS, renderSlackParent } from '../../../functions/notify/render-slack-parent';
import { MemoryMuteStore } from '../../../functions/suppression/mutes';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import { createHarness } from '../responder/harness';

const API_ACCOUNT = '222222222222';

/** A 5XX-rate (metric math) alarm whose metrics live in the API's account. */
function crossAccountMessage(time?: string): Record<string, unknown> {
  const message = alarmMessage({ signal: '5xx-rate', ...(time === undefined ? {} : { time }) });
  const trigger = message['Trigger'] as { Metrics: Record<string, unknown>[] };
  return {
    ...message,
    Trigger: {
      ...trigger,
      Metrics: trigger.Metrics.map((m) => ('MetricStat' in m ? { ...m, AccountId: API_ACCOUNT } : m)),
    },
  };
}

function buttonValue(blocks: readonly unknown[]): ActionValue {
  const actions = blocks.find((b) => (b as { type?: string }).type === 'actions') as
    { elements: { value: string }[] } | undefined;
  const value = actions?.elements[0]?.value;
  if (value === undefined) throw new Error('the parent has no buttons');
  return JSON.parse(value) as ActionValue;
}

it('a cross-account metric alarm’s buttons find its incident, and a mute from them silences its next alarm', async () => {
  expect(parseAlarmEvent(crossAccountMessage()).metric.accountId).toBe(API_ACCOUNT);
  const mutes = new MemoryMuteStore();
  const h = createHarness({ mutes, destinations: ['slack'] });
  await h.invoke(snsLambdaEvent(crossAccountMessage()));
  const opening = h.slack!.roots()[0]!.summary;
  const value = buttonValue(renderSlackParent(opening, { interactive: true }).blocks);

  const said: string[] = [];
  const deps: WorkerDeps = {
    store: h.store,
    mutes,
    interactions: new MemoryInteractionStore(),
    slack: {
      post: (_channel, _ts, message) => Promise.resolve(void said.push(message.text)),
      update: () => Promise.resolve(),
    },
    acknowledgeElsewhere: () => Promise.resolve([]),
    rerun: (summary) => Promise.resolve(summary),
    now: Date.now,
  };
  const press = (action: (typeof ACTION_IDS)[keyof typeof ACTION_IDS]): Promise<ActionOutcome> =>
    performAction(deps, {
      action,
      value,
      user: { id: 'U0ONCALL1', name: 'oncall' },
      channel: 'C0INCIDENTS',
      messageTs: '1714564980.000100',
      at: new Date().toISOString(),
    });

  expect(await press(ACTION_IDS.acknowledge)).toBe('done');
  expect(await press(ACTION_IDS.mute1h)).toBe('done');
  expect(said.join('\n')).not.toMatch(/no longer current/);

  const next = await h.invoke(snsLambdaEvent(crossAccountMessage('2025-05-01T12:08:00.000Z')));
  expect(next).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'muted' })] });
});
