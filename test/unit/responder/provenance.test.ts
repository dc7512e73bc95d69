/**
 * The trust boundary in the responder: forged or foreign notifications are refused right after
 * parsing, with their reason in the log and the metrics, before the event lease, any diagnosis,
 * any destination or any AWS call of the lifecycle (asserted on recorded calls); a genuine alarm
 * after each still opens and resolves its incident normally.
 */
import { createResponder } from '../../../functions/responder/respond';
import type { IncidentStore } from '../../../functions/incidents/store';
import type { AlarmState } from '../../../functions/types';
import { alarmMessage, projectAlarmName, snsLambdaEvent, type AlarmSpec } from '../events/fixtures';
import { type FakeAlarm, fakeCloudWatch, secondsAgo } from '../provenance/support';
import { createHarness } from './harness';

/** The store, recording every call (the lease is the first write of the lifecycle). */
function recordingStore(store: IncidentStore, calls: string[]): IncidentStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(`Store.${String(property)}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function setup() {
  const h = createHarness();
  const alarms = new Map<string, FakeAlarm>();
  const cw = fakeCloudWatch(alarms);
  const storeCalls: string[] = [];
  const responder = createResponder({ ...h.deps, store: recordingStore(h.store, storeCalls), provenance: cw.gate });
  /** CloudWatch's real state of an alarm, as its evaluation would set it. */
  const cloudWatchSays = (spec: AlarmSpec, state: AlarmState, at: Date): void => {
    const name = projectAlarmName(spec);
    const history = [...(alarms.get(name)?.history ?? []), { state, at }];
    alarms.set(name, { state, updatedAt: at, history });
  };
  const sendMessage = (message: Record<string, unknown>) =>
    responder.handleEvent(snsLambdaEvent(message), { deadline: Date.now() + 58_000 });
  const send = (spec: AlarmSpec) => sendMessage(alarmMessage(spec));
  const nothingHappened = () => {
    expect(h.diagnoses).toEqual([]);
    expect(h.slack!.attempts + h.jira!.attempts).toBe(0);
    expect(storeCalls).toEqual([]);
    expect(h.store.events.size + h.store.incidents.size).toBe(0);
  };
  return { h, cw, storeCalls, cloudWatchSays, send, sendMessage, nothingHappened };
}

describe('a forged or foreign notification', () => {
  /** A copy of a genuine notification under another alarm name (and ARN). */
  const renamed = (spec: AlarmSpec, name: string): Record<string, unknown> => {
    const message = alarmMessage(spec);
    return { ...message, AlarmName: name, AlarmArn: String(message['AlarmArn']).replace(/alarm:.*$/, `alarm:${name}`) };
  };
  const cases: [string, (firedAt: Date) => Record<string, unknown>, string][] = [
    ['an ALARM dated far in the future', () => alarmMessage({ time: '2031-06-01T00:00:00.000Z' }), 'IMPLAUSIBLE_TIME'],
    [
      'an ALARM of another account',
      (t) => alarmMessage({ account: '999988887777', time: t.toISOString() }),
      'UNTRUSTED_ACCOUNT',
    ],
    [
      'an ALARM of another region',
      (t) => alarmMessage({ region: 'sa-east-1', time: t.toISOString() }),
      'UNTRUSTED_REGION',
    ],
    [
      'an ALARM of an alarm not of this project',
      (t) => renamed({ time: t.toISOString() }, 'orders-prod-errors'),
      'FOREIGN_ALARM',
    ],
    [
      'an ALARM of an unwatched API',
      (t) => alarmMessage({ api: 'internal-admin-api', time: t.toISOString() }),
      'UNWATCHED_API',
    ],
    ['an ALARM of an unwatched stage', (t) => alarmMessage({ stage: 'dev', time: t.toISOString() }), 'UNWATCHED_API'],
  ];

  it.each(cases)(
    '%s: refused with its reason, no lease, no diagnosis, no message, no AWS call',
    async (_what, message, reason) => {
      const s = setup();
      const firedAt = secondsAgo(30);

      const reports = await s.sendMessage(message(firedAt));

      expect(reports).toEqual([expect.objectContaining({ outcome: 'rejected', reason })]);
      s.nothingHappened();
      expect(s.cw.calls()).toEqual([]);
      expect(s.h.logs).toContainEqual({
        level: 'warn',
        message: 'event rejected: not a genuine, current notification of a watched alarm',
        extra: expect.objectContaining({ reason, alarmName: expect.any(String), alarmArn: expect.any(String) }),
      });
      expect(s.h.counts).toEqual([{ name: 'UntrustedEvents' }, { name: 'RejectedEvents', dimensions: { reason } }]);

      // A genuine alarm afterwards opens its incident and resolves it as usual.
      s.cloudWatchSays({}, 'ALARM', firedAt);
      expect(await s.send({ time: firedAt.toISOString() })).toEqual([expect.objectContaining({ outcome: 'open' })]);
      const okAt = secondsAgo(0);
      s.cloudWatchSays({}, 'OK', okAt);
      expect(await s.send({ state: 'OK', time: okAt.toISOString() })).toEqual([
        expect.objectContaining({ outcome: 'resolved' }),
      ]);
      expect(s.h.slack!.roots()).toHaveLength(1);
      expect(s.h.slack!.replies()).toHaveLength(1);
    },
  );

  it('a forged OK for a live incident, with the genuine ARN and name, while CloudWatch says ALARM: the page stays open', async () => {
    const s = setup();
    const firedAt = secondsAgo(300);
    s.cloudWatchSays({}, 'ALARM', firedAt);
    await s.send({ time: firedAt.toISOString() });
    expect(s.h.slack!.roots()).toHaveLength(1);
    const incidentBefore = [...s.h.store.incidents.values()][0]!;
    s.storeCalls.length = 0;
    s.cw.mock.resetHistory();
    const slackAttempts = s.h.slack!.attempts;

    const reports = await s.send({ state: 'OK', time: secondsAgo(0).toISOString() });

    expect(reports).toEqual([expect.objectContaining({ outcome: 'rejected', reason: 'STATE_MISMATCH' })]);
    // The only AWS call is the check itself; nothing touched the store or a destination.
    expect(s.cw.calls()).toEqual(['CloudWatch.DescribeAlarms']);
    expect(s.storeCalls).toEqual([]);
    expect(s.h.slack!.attempts).toBe(slackAttempts);
    expect([...s.h.store.incidents.values()][0]).toEqual(
      expect.objectContaining({ status: 'open', version: incidentBefore.version }),
    );

    // The real OK, when CloudWatch makes it, resolves the incident in its thread.
    const okAt = secondsAgo(0);
    s.cloudWatchSays({}, 'OK', okAt);
    expect(await s.send({ state: 'OK', time: okAt.toISOString() })).toEqual([
      expect.objectContaining({ outcome: 'resolved' }),
    ]);
    expect(s.h.slack!.replies(s.h.slack!.roots()[0]!.thread)).toHaveLength(1);
  });

  it('an OK of another alarm of the API stage resolves nothing it did not open', async () => {
    const s = setup();
    const firedAt = secondsAgo(300);
    s.cloudWatchSays({ signal: '5xx-count' }, 'ALARM', firedAt);
    await s.send({ signal: '5xx-count', time: firedAt.toISOString() });
    const okAt = secondsAgo(0);
    // A genuine OK of the latency alarm, which never fired: the 5XX incident stays open.
    s.cloudWatchSays({ signal: 'p99-latency' }, 'OK', okAt);

    expect(await s.send({ signal: 'p99-latency', state: 'OK', time: okAt.toISOString() })).toEqual([
      expect.objectContaining({ outcome: 'ignored' }),
    ]);
    expect([...s.h.store.incidents.values()][0]).toEqual(expect.objectContaining({ status: 'open' }));
  });

  it("attaches CloudWatch's view to the incident the lifecycle handles", async () => {
    const s = setup();
    const firedAt = secondsAgo(60);
    s.cloudWatchSays({}, 'ALARM', firedAt);

    await s.send({ time: firedAt.toISOString() });

    expect(s.h.diagnoses[0]!.incident.cloudWatch).toEqual({ state: 'ALARM', updatedAt: firedAt.toISOString() });
  });
});
