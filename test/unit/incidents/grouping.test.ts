import { parseAlarmEvent } from '../../../functions/events/parse-event';
import type { GroupingSettings } from '../../../functions/incidents/grouping';
import {
  alarmLabelOf,
  applyAlarm,
  applyOk,
  claimOpening,
  eventKeyOf,
  incidentIdOf,
  incidentKeyOf,
  mergeRefs,
} from '../../../functions/incidents/grouping';
import type { IncidentRecord } from '../../../functions/incidents/records';
import type { Incident } from '../../../functions/types';
import type { AlarmSpec } from '../events/fixtures';
import { alarmMessage } from '../events/fixtures';

const SETTINGS: GroupingSettings = {
  groupingWindowMs: 30 * 60_000,
  openIdleMaxMs: 24 * 3_600_000,
  collectingStaleMs: 15 * 60_000,
};
const NOW = Date.parse('2025-05-01T12:03:05.000Z');

function incident(spec: AlarmSpec = {}): Incident {
  return parseAlarmEvent(alarmMessage(spec));
}

function opened(spec: AlarmSpec = {}): IncidentRecord {
  const first = incident(spec);
  return applyAlarm(undefined, first, eventKeyOf(first), NOW, SETTINGS).next!;
}

describe('keys and labels', () => {
  it('keys an event by alarm ARN + state-change time + state', () => {
    const a = incident();
    expect(eventKeyOf(a)).toBe(eventKeyOf(incident()));
    expect(eventKeyOf(a)).not.toBe(eventKeyOf(incident({ state: 'OK' })));
    expect(eventKeyOf(a)).not.toBe(eventKeyOf(incident({ time: '2025-05-01T12:04:00.000Z' })));
    expect(eventKeyOf(a)).toMatch(/^[0-9a-f]{40}$/);
  });

  it('keys the incident by region, account, API and stage', () => {
    expect(incidentKeyOf(incident())).toBe('INCIDENT#eu-west-1#123456789012#REST#orders-api#prod');
    expect(incidentKeyOf(incident({ kind: 'HTTP', api: 'a1b2c3d4e5', stage: '$default' }))).toBe(
      'INCIDENT#eu-west-1#123456789012#HTTP#a1b2c3d4e5#$default',
    );
    expect(incidentKeyOf(incident({ signal: '5xx-rate' }))).toBe(incidentKeyOf(incident({ signal: 'p99-latency' })));
  });

  it('makes an incident id safe for Jira labels, PagerDuty and OpsItem dedup keys', () => {
    const first = incident({ api: 'Orders API (v2)', stage: '$default' });
    expect(incidentIdOf(first, 'abcdef0123')).toBe('orders-api-v2-default-20250501t1203-abcdef');
  });

  it.each([
    [{ signal: 'p99-integration-latency' } as const, 'p99-integration-latency'],
    [{ signal: '5xx-rate' } as const, '5xx-rate'],
  ])('labels %j as %s', (spec, label) => {
    expect(alarmLabelOf(incident(spec))).toBe(label);
  });

  it('labels an alarm of another naming by statistic and metric', () => {
    const other = { ...incident({ signal: 'p99-integration-latency' }), alarmName: 'orders latency' };
    expect(alarmLabelOf(other)).toBe('p99 IntegrationLatency');
  });
});

describe('applyAlarm', () => {
  it('opens a collecting incident for the first ALARM', () => {
    const first = incident();
    const decision = applyAlarm(undefined, first, eventKeyOf(first), NOW, SETTINGS);
    expect(decision.outcome).toBe('open');
    expect(decision.next).toEqual({
      key: 'INCIDENT#eu-west-1#123456789012#REST#orders-api#prod',
      incidentId: expect.stringMatching(/^orders-api-prod-20250501t1203-/),
      api: { kind: 'REST', name: 'orders-api', stage: 'prod' },
      region: 'eu-west-1',
      accountId: '123456789012',
      status: 'open',
      phase: 'collecting',
      openerEventKey: eventKeyOf(first),
      openedAt: '2025-05-01T12:03:00.000Z',
      claimedAtMs: NOW,
      lastEventAt: '2025-05-01T12:03:00.000Z',
      alarms: [
        {
          arn: first.alarmArn,
          name: first.alarmName,
          label: '5xx-count',
          state: 'ALARM',
          at: '2025-05-01T12:03:00.000Z',
        },
      ],
      announced: [],
      refs: {},
      seen: { [first.alarmArn]: { state: 'ALARM', at: first.stateChangeTime } },
      version: 1,
    });
  });

  it('folds an ALARM into a collecting incident, joins the announced one (a parent edit, no reply)', () => {
    const current = opened();
    const second = incident({ signal: '5xx-rate', time: '2025-05-01T12:03:30.000Z' });
    expect(applyAlarm(current, second, eventKeyOf(second), NOW, SETTINGS).outcome).toBe('absorbed');
    const announced = { ...current, phase: 'announced' as const };
    const decision = applyAlarm(announced, second, eventKeyOf(second), NOW, SETTINGS);
    expect(decision.outcome).toBe('join');
    expect(decision.next?.alarms.map((a) => a.label)).toEqual(['5xx-count', '5xx-rate']);
    expect(decision.next?.version).toBe(2);
  });

  it('does not write again when the same event is applied twice (a retry)', () => {
    const current = opened();
    const first = incident();
    expect(applyAlarm(current, first, eventKeyOf(first), NOW, SETTINGS)).toEqual({
      outcome: 'open',
      next: undefined,
      record: current,
    });
  });

  it('takes over a collecting incident whose opener went silent', () => {
    const current = { ...opened(), claimedAtMs: NOW - 16 * 60_000 };
    const second = incident({ signal: '5xx-rate' });
    const decision = applyAlarm(current, second, eventKeyOf(second), NOW, SETTINGS);
    expect(decision.outcome).toBe('open');
    expect(decision.next).toEqual(
      expect.objectContaining({ openerEventKey: eventKeyOf(second), incidentId: current.incidentId }),
    );
  });

  it('re-opens a resolved incident within the grouping window, starts a new one after it', () => {
    const resolved: IncidentRecord = {
      ...opened(),
      phase: 'announced',
      status: 'resolved',
      resolvedAt: '2025-05-01T12:10:00.000Z',
    };
    const soon = incident({ time: '2025-05-01T12:30:00.000Z' });
    const soonDecision = applyAlarm(resolved, soon, eventKeyOf(soon), NOW, SETTINGS);
    expect(soonDecision.outcome).toBe('reopen');
    expect(soonDecision.next).toEqual(
      expect.objectContaining({ status: 'open', incidentId: resolved.incidentId, reopenedBy: eventKeyOf(soon) }),
    );
    expect(soonDecision.next).not.toHaveProperty('resolvedAt');
    const late = incident({ time: '2025-05-01T12:41:00.000Z' });
    const lateDecision = applyAlarm(resolved, late, eventKeyOf(late), NOW, SETTINGS);
    expect(lateDecision.outcome).toBe('open');
    expect(lateDecision.next?.incidentId).not.toBe(resolved.incidentId);
    expect(lateDecision.next?.version).toBe(resolved.version + 1);
  });

  it('starts a new incident when an open one has been silent for a day (its OK was lost)', () => {
    const stale = { ...opened(), phase: 'announced' as const };
    const next = incident({ time: '2025-05-02T12:04:00.000Z' });
    expect(applyAlarm(stale, next, eventKeyOf(next), NOW, SETTINGS).next?.incidentId).not.toBe(stale.incidentId);
  });
});

describe('applyOk', () => {
  const twoFiring = (): IncidentRecord => {
    const current = { ...opened(), phase: 'announced' as const };
    const second = incident({ signal: 'p99-latency', time: '2025-05-01T12:04:00.000Z' });
    return applyAlarm(current, second, eventKeyOf(second), NOW, SETTINGS).next!;
  };

  it('keeps an OK with no incident as a tombstone, so the older ALARM arriving later is stale', () => {
    const ok = incident({ state: 'OK', time: '2025-05-01T12:09:00.000Z' });
    const decision = applyOk(undefined, ok);
    expect(decision).toEqual({
      outcome: 'ignored',
      next: expect.objectContaining({
        status: 'resolved',
        tombstone: true,
        alarms: [],
        refs: {},
        seen: { [ok.alarmArn]: { state: 'OK', at: '2025-05-01T12:09:00.000Z' } },
      }),
      record: undefined,
      why: 'no incident for this API stage: kept as a tombstone',
    });
    const older = incident({ time: '2025-05-01T12:03:00.000Z' });
    expect(applyAlarm(decision.next, older, eventKeyOf(older), NOW, SETTINGS)).toEqual({
      outcome: 'stale',
      next: undefined,
      record: decision.next,
      why: 'the alarm already changed to OK at 2025-05-01T12:09:00.000Z, after this ALARM',
    });
    // A newer ALARM opens a fresh incident that keeps the history.
    const newer = incident({ time: '2025-05-01T12:20:00.000Z' });
    const opened = applyAlarm(decision.next, newer, eventKeyOf(newer), NOW, SETTINGS);
    expect(opened.outcome).toBe('open');
    expect(opened.next).toEqual(expect.objectContaining({ status: 'open', version: 2 }));
    expect(opened.next).not.toHaveProperty('tombstone');
  });

  it("uses CloudWatch's current state as the tie-breaker for a stale ALARM, and works without it", () => {
    const alarm = incident({ time: '2025-05-01T12:03:00.000Z' });
    const cleared = { ...alarm, cloudWatch: { state: 'OK' as const, updatedAt: '2025-05-01T12:05:00.000Z' } };
    expect(applyAlarm(undefined, cleared, eventKeyOf(cleared), NOW, SETTINGS)).toEqual(
      expect.objectContaining({ outcome: 'stale', why: expect.stringContaining('CloudWatch shows the alarm OK') }),
    );
    const stillFiring = { ...alarm, cloudWatch: { state: 'ALARM' as const, updatedAt: alarm.stateChangeTime } };
    expect(applyAlarm(undefined, stillFiring, eventKeyOf(stillFiring), NOW, SETTINGS).outcome).toBe('open');
    expect(applyAlarm(undefined, alarm, eventKeyOf(alarm), NOW, SETTINGS).outcome).toBe('open');
  });

  it('records an OK while another alarm still fires, resolves on the last one with the duration', () => {
    const first = applyOk(twoFiring(), incident({ state: 'OK', time: '2025-05-01T12:08:00.000Z' }));
    expect(first).toEqual(expect.objectContaining({ outcome: 'ignored', why: 'still firing: p99-latency' }));
    const last = applyOk(
      first.next,
      incident({ signal: 'p99-latency', state: 'OK', time: '2025-05-01T12:33:00.000Z' }),
    );
    expect(last).toEqual(expect.objectContaining({ outcome: 'resolved', durationMinutes: 30 }));
    expect(last.next).toEqual(expect.objectContaining({ status: 'resolved', resolvedAt: '2025-05-01T12:33:00.000Z' }));
    // The same OK again (a retry) is recognised, not re-applied.
    const again = applyOk(
      last.next,
      incident({ signal: 'p99-latency', state: 'OK', time: '2025-05-01T12:33:00.000Z' }),
    );
    expect(again).toEqual(expect.objectContaining({ outcome: 'resolved', next: undefined, durationMinutes: 30 }));
  });

  it('ignores an OK of an alarm that is not in the incident, or older than its ALARM', () => {
    expect(applyOk(twoFiring(), incident({ signal: '4xx-rate', state: 'OK' })).why).toBe(
      'this alarm is not part of the open incident',
    );
    const older = applyOk(twoFiring(), incident({ state: 'OK', time: '2025-05-01T12:02:00.000Z' }));
    expect(older).toEqual(
      expect.objectContaining({
        outcome: 'stale',
        why: 'the alarm already changed to ALARM at 2025-05-01T12:03:00.000Z, after this OK',
      }),
    );
  });
});

describe('claimOpening and mergeRefs', () => {
  it('fixes the opening message: the alarms firing now are named in it', () => {
    const first = incident();
    const second = incident({ signal: '5xx-rate', time: '2025-05-01T12:03:20.000Z' });
    const current = applyAlarm(opened(), second, eventKeyOf(second), NOW, SETTINGS).next!;
    const claim = claimOpening(current, eventKeyOf(first), first, NOW);
    expect(claim).toEqual({
      kind: 'claimed',
      alsoFiring: ['5xx-rate'],
      next: expect.objectContaining({
        phase: 'announced',
        announced: [`${second.alarmArn}@${second.stateChangeTime}`],
      }),
    });
    // Claimed already (a retry): same answer, nothing to write.
    expect(claimOpening(claim.kind === 'claimed' ? claim.next! : current, eventKeyOf(first), first, NOW)).toEqual({
      kind: 'claimed',
      alsoFiring: ['5xx-rate'],
      next: undefined,
    });
    // Another event that is not the opener learns how it ended up.
    expect(claimOpening(claim.kind === 'claimed' ? claim.next! : current, eventKeyOf(second), second, NOW)).toEqual({
      kind: 'lost',
      outcome: 'absorbed',
    });
  });

  it('adds where the incident was posted, never overwriting a thread root', () => {
    const current = { ...opened(), refs: { slack: { channel: 'C1', ts: '1.1' } } };
    expect(mergeRefs(current, { slack: { channel: 'C1', ts: '2.2' } })).toBeUndefined();
    expect(mergeRefs(current, { slack: { channel: 'C1', ts: '2.2' }, jira: { key: 'OPS-7' } })?.refs).toEqual({
      slack: { channel: 'C1', ts: '1.1' },
      jira: { key: 'OPS-7' },
    });
  });
});
