import { parseAlarmEvent } from '../../../functions/events/parse-event';
import { eventKeyOf } from '../../../functions/incidents/grouping';
import { muteKeyOf } from '../../../functions/suppression/mute-key';
import { MemoryMuteStore } from '../../../functions/suppression/mutes';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';
import type { AlarmSpec } from '../events/fixtures';
import { createHarness } from './harness';

const alarm = (spec: AlarmSpec = {}) => snsLambdaEvent(alarmMessage(spec));
const incidentOf = (spec: AlarmSpec = {}) => parseAlarmEvent(alarmMessage(spec));

describe('mutes set from Slack', () => {
  it('records a muted stage’s ALARM with the reason and posts nothing; an unmuted stage still posts', async () => {
    const mutes = new MemoryMuteStore();
    const key = muteKeyOf(incidentOf());
    await mutes.put({
      key,
      by: 'U1ONCALL',
      at: new Date().toISOString(),
      until: new Date(Date.now() + 3_600_000).toISOString(),
      incidentId: 'x',
    });
    const h = createHarness({ mutes });

    const result = await h.invoke(alarm());

    expect(result).toEqual({
      ok: true,
      reports: [expect.objectContaining({ outcome: 'muted', reason: expect.stringContaining('muted by U1ONCALL') })],
    });
    expect(h.slack!.posted).toEqual([]);
    expect(h.jira!.posted).toEqual([]);
    expect(h.diagnoses).toEqual([]);
    const record = await h.store.getEvent(eventKeyOf(incidentOf()));
    expect(record).toEqual(
      expect.objectContaining({
        status: 'done',
        outcome: 'muted',
        suppressedBecause: expect.stringContaining('until 20'),
      }),
    );
    expect(h.countOf('MutedEvents')).toBe(1);

    const other = await h.invoke(alarm({ api: 'catalog-api' }));
    expect(other).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'open' })] });
    expect(h.slack!.posted).toHaveLength(1);
  });

  it('an expired mute no longer silences', async () => {
    const mutes = new MemoryMuteStore();
    await mutes.put({
      key: muteKeyOf(incidentOf()),
      by: 'U1',
      at: '2020-01-01T00:00:00.000Z',
      until: '2020-01-01T01:00:00.000Z',
      incidentId: 'x',
    });
    const h = createHarness({ mutes });
    expect(await h.invoke(alarm())).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'open' })] });
  });

  it('mute until OK: later alarms and the OK of an incident opened while muted post nothing, and the OK lifts the mute', async () => {
    const mutes = new MemoryMuteStore();
    const key = muteKeyOf(incidentOf());
    await mutes.put({ key, by: 'U1', at: new Date().toISOString(), incidentId: 'x' });
    const h = createHarness({ mutes });

    await h.invoke(alarm());
    const second = await h.invoke(alarm({ time: '2025-05-01T12:05:00.000Z', signal: 'p99-latency' }));
    await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:19:00.000Z', signal: 'p99-latency' }));
    const ok = await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:20:00.000Z' }));

    expect(second).toEqual({
      ok: true,
      reports: [expect.objectContaining({ outcome: expect.stringMatching(/muted|absorbed/) })],
    });
    expect(ok).toEqual({
      ok: true,
      reports: [expect.objectContaining({ outcome: 'muted', reason: expect.stringContaining('opened while muted') })],
    });
    expect(h.slack!.posted).toEqual([]);
    expect(await mutes.get(key)).toBeUndefined();
  });

  it('an OK of a posted incident lifts a mute until OK and is posted as usual', async () => {
    const mutes = new MemoryMuteStore();
    const h = createHarness({ mutes });
    await h.invoke(alarm());
    const key = muteKeyOf(incidentOf());
    await mutes.put({ key, by: 'U1', at: new Date().toISOString(), incidentId: 'x' });

    const ok = await h.invoke(alarm({ state: 'OK', time: '2025-05-01T12:10:00.000Z' }));

    expect(ok).toEqual({ ok: true, reports: [expect.objectContaining({ outcome: 'resolved' })] });
    expect(h.slack!.replies()).toHaveLength(1);
    expect(await mutes.get(key)).toBeUndefined();
  });
});
