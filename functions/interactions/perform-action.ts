/**
 * The asynchronous half of a button press (the endpoint has already answered Slack): checks the
 * incident the button names against the store, then acknowledges, re-runs the diagnosis or
 * mutes/unmutes, and says so in the incident's thread; the parent is re-rendered with who
 * acknowledged and the mute, so the state is visible without opening the thread.
 */
import type { IncidentRecord } from '../incidents/records';
import type { IncidentStore } from '../incidents/store';
import { formatTime } from '../notify/format';
import type { SlackMessage } from '../notify/render-slack';
import { renderSlack } from '../notify/render-slack';
import { ACTION_IDS, mention, renderSlackParent } from '../notify/render-slack-parent';
import { context, section } from '../notify/slack-blocks';
import { incidentKeyOfMute } from '../suppression/mute-key';
import type { MuteStore } from '../suppression/mutes';
import { ONE_HOUR_MS, activeMute } from '../suppression/mutes';
import type { IncidentSummary } from '../types';
import type { Acknowledgement, InteractionStore } from './interaction-store';
import type { IncidentAction } from './parse-action';

export interface ThreadPoster {
  post(channel: string, threadTs: string, message: SlackMessage): Promise<void>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
}

export interface WorkerDeps {
  readonly store: Pick<IncidentStore, 'getIncident' | 'getEvent'>;
  readonly mutes: MuteStore;
  readonly interactions: InteractionStore;
  readonly slack: ThreadPoster;
  /** PagerDuty acknowledge and Jira comment where configured; returns what was done, in words. */
  readonly acknowledgeElsewhere: (incident: IncidentRecord, ack: Acknowledgement) => Promise<string[]>;
  /** A fresh diagnosis of the incident's API stage, as a summary. */
  /** `lastReceive`: the work item's last delivery (a passing read-role failure then answers in the thread). */
  readonly rerun: (opening: IncidentSummary, lastReceive: boolean) => Promise<IncidentSummary>;
  readonly now: () => number;
}

export type ActionOutcome = 'done' | 'already-acknowledged' | 'unknown-incident';

function note(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

export async function performAction(
  deps: WorkerDeps,
  action: IncidentAction,
  lastReceive = false,
): Promise<ActionOutcome> {
  const { channel, messageTs: thread, user } = action;
  const key = incidentKeyOfMute(action.value.k);
  const incident = key === undefined ? undefined : await deps.store.getIncident(key);
  // Trust nothing in the payload: the button must name the incident the store has for that stage.
  if (incident === undefined || incident.incidentId !== action.value.i) {
    await deps.slack.post(
      channel,
      thread,
      note(`⚠️ ${mention(user.id)}: this incident is no longer current; nothing was done.`),
    );
    return 'unknown-incident';
  }
  const opening = (await deps.store.getEvent(incident.openerEventKey))?.summary;
  const nowMs = deps.now();

  async function refreshParent(): Promise<void> {
    if (opening === undefined || incident?.status === 'resolved') return;
    const acknowledged = await deps.interactions.getAck(opening.incidentId);
    const muted = activeMute(await deps.mutes.get(action.value.k), nowMs);
    const message = renderSlackParent(opening, {
      interactive: true,
      ...(acknowledged === undefined ? {} : { acknowledged }),
      ...(muted === undefined
        ? {}
        : { muted: { by: muted.by, ...(muted.until === undefined ? {} : { until: muted.until }) } }),
    });
    await deps.slack.update(channel, thread, message);
  }

  switch (action.action) {
    case ACTION_IDS.acknowledge: {
      if ((await deps.interactions.getAck(incident.incidentId)) !== undefined) return 'already-acknowledged';
      const ack: Acknowledgement = { by: user.id, at: action.at };
      await deps.interactions.putAck(incident.incidentId, ack, nowMs);
      await refreshParent();
      const elsewhere = await deps.acknowledgeElsewhere(incident, ack);
      const also = elsewhere.length === 0 ? '' : ` (${elsewhere.join('; ')})`;
      await deps.slack.post(
        channel,
        thread,
        note(`👀 Acknowledged by ${mention(user.id)} at ${formatTime(action.at)}${also}.`),
      );
      return 'done';
    }
    case ACTION_IDS.rerun: {
      if (opening === undefined) {
        await deps.slack.post(channel, thread, note('⚠️ The opening diagnosis is no longer stored; cannot re-run it.'));
        return 'unknown-incident';
      }
      const fresh = renderSlack(await deps.rerun(opening, lastReceive));
      const lead = `🔁 Fresh diagnosis requested by ${mention(user.id)}`;
      await deps.slack.post(channel, thread, {
        text: `${lead}: ${fresh.text}`.slice(0, 3000),
        blocks: [context(lead), ...fresh.blocks].slice(0, 50),
      });
      return 'done';
    }
    case ACTION_IDS.mute1h:
    case ACTION_IDS.muteUntilOk: {
      const until = action.action === ACTION_IDS.mute1h ? new Date(nowMs + ONE_HOUR_MS).toISOString() : undefined;
      await deps.mutes.put({
        key: action.value.k,
        by: user.id,
        at: new Date(nowMs).toISOString(),
        incidentId: incident.incidentId,
        ...(until === undefined ? {} : { until }),
      });
      await refreshParent();
      const span = until === undefined ? 'until the alarm is OK' : `until ${formatTime(until)}`;
      await deps.slack.post(
        channel,
        thread,
        note(
          `🔕 Muted by ${mention(user.id)} ${span}: this API stage's alarms are recorded and not posted. Undo with *Unmute* on the message above.`,
        ),
      );
      return 'done';
    }
    case ACTION_IDS.unmute: {
      await deps.mutes.remove(action.value.k);
      await refreshParent();
      await deps.slack.post(
        channel,
        thread,
        note(`🔔 Unmuted by ${mention(user.id)}: alarms of this API stage are posted again.`),
      );
      return 'done';
    }
  }
}
