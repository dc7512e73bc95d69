/**
 * The provenance gate on its own: each claim it refuses, with its reason, and CloudWatch as the
 * source of truth (current state, then history for a notification CloudWatch has moved past).
 */
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import type { Incident } from '../../../functions/types';
import { alarmMessage, projectAlarmName, type AlarmSpec } from '../events/fixtures';
import { type FakeAlarm, fakeCloudWatch, secondsAgo } from './support';

const incidentOf = (spec: AlarmSpec): Incident => parseAlarmEvent(alarmMessage(spec));
const NAME = projectAlarmName({});

function withAlarm(alarm: FakeAlarm) {
  return fakeCloudWatch(new Map([[NAME, alarm]]));
}

describe('the claims of a notification, checked before any AWS call', () => {
  const live = { state: 'ALARM' as const, updatedAt: secondsAgo(0) };
  const cases: [string, AlarmSpec | Incident, string, RegExp][] = [
    [
      'another account',
      { account: '999988887777', time: secondsAgo(5).toISOString() },
      'UNTRUSTED_ACCOUNT',
      /999988887777/,
    ],
    [
      'another region',
      { region: 'ap-southeast-2', time: secondsAgo(5).toISOString() },
      'UNTRUSTED_REGION',
      /ap-southeast-2/,
    ],
    ['an unwatched API', { api: 'payments-api', time: secondsAgo(5).toISOString() }, 'UNWATCHED_API', /payments-api/],
    ['an unwatched stage', { stage: 'dev', time: secondsAgo(5).toISOString() }, 'UNWATCHED_API', /stage dev/],
    ['a far-future time', { time: '2031-01-01T00:00:00.000Z' }, 'IMPLAUSIBLE_TIME', /in the future/],
    ['a time years ago', { time: '2019-01-01T00:00:00.000Z' }, 'IMPLAUSIBLE_TIME', /older than any event/],
    [
      'an alarm not of this project',
      { ...incidentOf({ time: secondsAgo(5).toISOString() }), alarmName: 'HighCPU-orders' },
      'FOREIGN_ALARM',
      /not one of this project's/,
    ],
    [
      'an alarm name longer than CloudWatch allows',
      { ...incidentOf({ time: secondsAgo(5).toISOString() }), alarmName: `${NAME}${'x'.repeat(256)}` },
      'FOREIGN_ALARM',
      /CloudWatch allows 255/,
    ],
    [
      "a project alarm name about another API than its metric's",
      { ...incidentOf({ time: secondsAgo(5).toISOString() }), alarmName: projectAlarmName({ stage: 'staging' }) },
      'ALARM_API_MISMATCH',
      /staging/,
    ],
    [
      'a stage name API Gateway cannot produce',
      {
        ...incidentOf({ time: secondsAgo(5).toISOString() }),
        api: { kind: 'REST' as const, name: 'orders-api', stage: '../../../aws/lambda/x' },
      },
      'INVALID_API_NAME',
      /stage/,
    ],
    [
      // AWS names are valid UTF-8; the SDK cannot even encode a lone surrogate into DescribeAlarms.
      'an API name with a lone surrogate',
      {
        ...incidentOf({ time: secondsAgo(5).toISOString() }),
        api: { kind: 'REST' as const, name: 'orders\ud800-api', stage: 'prod' },
      },
      'INVALID_API_NAME',
      /API name/,
    ],
    [
      'an HTTP API id API Gateway cannot produce',
      {
        ...incidentOf({ time: secondsAgo(5).toISOString() }),
        api: { kind: 'HTTP' as const, id: 'f6g7h8i9j0:*', stage: '$default' },
      },
      'INVALID_API_NAME',
      /API id/,
    ],
  ];

  it.each(cases)('refuses %s with its reason and calls no AWS API', async (_what, input, reason, detail) => {
    const cw = withAlarm(live);
    const incident = 'alarmArn' in input ? input : incidentOf(input);

    const [verdict] = await cw.gate.check([incident]);

    expect(verdict).toEqual({ ok: false, reason, detail: expect.stringMatching(detail) });
    expect(cw.calls()).toEqual([]);
  });
});

describe('CloudWatch as the source of truth', () => {
  it('accepts a live ALARM CloudWatch confirms, and attaches its view to the incident', async () => {
    const updatedAt = secondsAgo(10);
    const cw = withAlarm({ state: 'ALARM', updatedAt });
    const incident = incidentOf({ time: secondsAgo(10).toISOString() });

    const [verdict] = await cw.gate.check([incident]);

    expect(verdict).toEqual({
      ok: true,
      verification: 'cloudwatch-current',
      incident: { ...incident, cloudWatch: { state: 'ALARM', updatedAt: updatedAt.toISOString() } },
    });
    expect(cw.calls()).toEqual(['CloudWatch.DescribeAlarms']);
    expect(cw.mock.calls()[0]!.args[0].input).toEqual({ AlarmNames: [NAME] });
  });

  it('refuses a forged OK carrying the genuine ARN and name while CloudWatch still says ALARM', async () => {
    const cw = withAlarm({ state: 'ALARM', updatedAt: secondsAgo(120) });

    const [verdict] = await cw.gate.check([incidentOf({ state: 'OK', time: secondsAgo(5).toISOString() })]);

    expect(verdict).toEqual({
      ok: false,
      reason: 'STATE_MISMATCH',
      detail: expect.stringContaining('CloudWatch says ALARM'),
    });
    // The claimed change is newer than CloudWatch's last one: no history to consult.
    expect(cw.calls()).toEqual(['CloudWatch.DescribeAlarms']);
  });

  it('refuses an ALARM dated after CloudWatch last changed the alarm (invented time)', async () => {
    const cw = withAlarm({ state: 'ALARM', updatedAt: secondsAgo(600) });

    const [verdict] = await cw.gate.check([incidentOf({ time: secondsAgo(60).toISOString() })]);

    expect(verdict).toEqual(expect.objectContaining({ ok: false, reason: 'STALE_STATE' }));
  });

  it('refuses an alarm CloudWatch does not know', async () => {
    const cw = fakeCloudWatch(new Map());

    const [verdict] = await cw.gate.check([incidentOf({ time: secondsAgo(5).toISOString() })]);

    expect(verdict).toEqual(expect.objectContaining({ ok: false, reason: 'UNKNOWN_ALARM' }));
  });

  it('accepts a late notification CloudWatch has moved past when its history holds that change (a DLQ replay)', async () => {
    const firedAt = secondsAgo(3 * 3600);
    const cw = withAlarm({
      state: 'OK',
      updatedAt: secondsAgo(2 * 3600),
      history: [
        { state: 'ALARM', at: firedAt },
        { state: 'OK', at: secondsAgo(2 * 3600) },
      ],
    });

    const [verdict] = await cw.gate.check([incidentOf({ time: firedAt.toISOString() })]);

    expect(verdict).toEqual(expect.objectContaining({ ok: true, verification: 'cloudwatch-history' }));
    expect(cw.calls()).toEqual(['CloudWatch.DescribeAlarms', 'CloudWatch.DescribeAlarmHistory']);
    expect(cw.mock.calls()[1]!.args[0].input).toEqual(
      expect.objectContaining({ AlarmName: NAME, HistoryItemType: 'StateUpdate' }),
    );
  });

  it('refuses a late OK whose time matches no change in the history', async () => {
    const cw = withAlarm({
      state: 'ALARM',
      updatedAt: secondsAgo(60),
      history: [{ state: 'ALARM', at: secondsAgo(60) }],
    });

    const [verdict] = await cw.gate.check([incidentOf({ state: 'OK', time: secondsAgo(3600).toISOString() })]);

    expect(verdict).toEqual(expect.objectContaining({ ok: false, reason: 'STATE_MISMATCH' }));
  });

  it('reads every alarm of a multi-record event in one DescribeAlarms call', async () => {
    const now = secondsAgo(0);
    const names = ['prod', 'staging'].flatMap((stage) =>
      (['5xx-count', '5xx-rate', 'p99-latency'] as const).map((signal) => ({ stage, signal })),
    );
    const cw = fakeCloudWatch(
      new Map(names.map((n) => [projectAlarmName(n), { state: 'ALARM' as const, updatedAt: now }])),
    );

    const verdicts = await cw.gate.check(names.map((n) => incidentOf({ ...n, time: now.toISOString() })));

    expect(verdicts.map((v) => v.ok)).toEqual(names.map(() => true));
    expect(cw.calls()).toEqual(['CloudWatch.DescribeAlarms']);
    expect(cw.mock.calls()[0]!.args[0].input).toEqual({ AlarmNames: names.map((n) => projectAlarmName(n)) });
  });

  it('does not decide when CloudWatch cannot be read: the record gets a retry verdict (Lambda retries)', async () => {
    const cw = withAlarm({ state: 'ALARM', updatedAt: secondsAgo(0) });
    const denied = Object.assign(new Error('User is not authorized to perform: cloudwatch:DescribeAlarms'), {
      name: 'AccessDenied',
    });
    cw.mock.rejects(denied);

    const [verdict] = await cw.gate.check([incidentOf({ time: secondsAgo(0).toISOString() })]);

    // This account's grant is deployed with the stack: a denial here is not a reason to guess.
    expect(verdict).toEqual({ ok: 'retry', incident: expect.any(Object), error: denied });
  });

  it('checks INSUFFICIENT_DATA on its claims only (nothing is acted on)', async () => {
    const cw = withAlarm({ state: 'ALARM', updatedAt: secondsAgo(0) });

    const [verdict] = await cw.gate.check([
      incidentOf({ state: 'INSUFFICIENT_DATA', time: secondsAgo(0).toISOString() }),
    ]);

    expect(verdict).toEqual(expect.objectContaining({ ok: true, verification: 'claims-only' }));
    expect(cw.calls()).toEqual([]);
  });
});
