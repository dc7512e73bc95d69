/**
 * The provenance gate and alarms of other trusted accounts: read in that account's CloudWatch when
 * it has a read role (one DescribeAlarms per account and region), checked on their claims without
 * one or when the role cannot be assumed, and never read in the wrong account.
 */
import { DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ReadRoleError, ReadRoleUnavailableError } from '../../../functions/cross-account/read-role-sessions';
import { STS_WAIT_HORIZON_MS } from '../../../functions/cross-account/sts-wait';
import { parseAlarmEvent } from '../../../functions/events/parse-event';
import type { AlarmAccount } from '../../../functions/provenance/alarm-state-reader';
import { createAlarmStateReader } from '../../../functions/provenance/alarm-state-reader';
import { createProvenanceGate } from '../../../functions/provenance/gate';
import type { Incident } from '../../../functions/types';
import { ACCOUNT, alarmMessage, projectAlarmName, type AlarmSpec } from '../events/fixtures';
import { fakeCloudWatch, POLICY, secondsAgo } from './support';

const MEMBER = '111122223333';
const NO_ROLE = '444455556666';
const NAME = projectAlarmName({});

const incidentOf = (spec: AlarmSpec): Incident => parseAlarmEvent(alarmMessage(spec));

/** Two CloudWatches (this account's, the member's) and a gate that reads the member's through its role. */
function world(member: { state: 'ALARM' | 'OK'; updatedAt: Date } | 'role-fails' | Error) {
  const own = fakeCloudWatch(new Map([[NAME, { state: 'ALARM', updatedAt: secondsAgo(30) }]]));
  const memberCw =
    member instanceof Error || member === 'role-fails'
      ? fakeCloudWatch(new Map())
      : fakeCloudWatch(new Map([[NAME, member]]));
  const asked: (AlarmAccount | undefined)[] = [];
  const gate = createProvenanceGate({
    policy: { ...POLICY, trustedAccounts: [MEMBER, NO_ROLE] },
    now: Date.now,
    readsAccount: (account) => account === MEMBER,
    reader: () =>
      Promise.resolve(
        createAlarmStateReader((_region, where): Promise<CloudWatchClient> => {
          asked.push(where);
          if (where === undefined) return Promise.resolve(own.client);
          if (member === 'role-fails')
            return Promise.reject(
              new ReadRoleError(where.account, `arn:aws:iam::${where.account}:role/r`, 'AccessDenied'),
            );
          if (member instanceof Error) return Promise.reject(member);
          return Promise.resolve(memberCw.client);
        }),
      ),
  });
  return { gate, own, memberCw, asked };
}

describe("the gate and other accounts' alarms", () => {
  it("reads a member's alarm in the member's CloudWatch through its role, naming the incident", async () => {
    const updatedAt = secondsAgo(10);
    const w = world({ state: 'ALARM', updatedAt });
    const incident = incidentOf({ account: MEMBER, time: secondsAgo(10).toISOString() });

    const [verdict] = await w.gate.check([incident]);

    expect(verdict).toEqual({
      ok: true,
      verification: 'cloudwatch-current',
      incident: { ...incident, cloudWatch: { state: 'ALARM', updatedAt: updatedAt.toISOString() } },
    });
    expect(w.asked).toEqual([{ account: MEMBER, sessionName: 'apigw-responder@REST.orders-api.prod' }]);
    expect(w.memberCw.calls()).toEqual(['CloudWatch.DescribeAlarms']);
    expect(w.own.calls()).toEqual([]);
  });

  it("refuses a forged OK of a member's alarm that its CloudWatch contradicts", async () => {
    const w = world({ state: 'ALARM', updatedAt: secondsAgo(120) });

    const [verdict] = await w.gate.check([
      incidentOf({ account: MEMBER, state: 'OK', time: secondsAgo(5).toISOString() }),
    ]);

    expect(verdict).toEqual(expect.objectContaining({ ok: false, reason: 'STATE_MISMATCH' }));
  });

  it('reads each CloudWatch once for a batch of both accounts', async () => {
    const w = world({ state: 'ALARM', updatedAt: secondsAgo(10) });
    const time = secondsAgo(10).toISOString();

    const verdicts = await w.gate.check([
      incidentOf({ account: MEMBER, time }),
      incidentOf({ account: ACCOUNT, time: secondsAgo(30).toISOString() }),
      incidentOf({ account: MEMBER, time, signal: '5xx-rate' }),
    ]);

    expect(verdicts.map((v) => v.ok === true && v.verification)).toEqual([
      'cloudwatch-current',
      'cloudwatch-current',
      // The member's CloudWatch knows only the count alarm: the rate alarm is not genuine.
      false,
    ]);
    expect(w.memberCw.calls()).toEqual(['CloudWatch.DescribeAlarms']);
    expect(w.own.calls()).toEqual(['CloudWatch.DescribeAlarms']);
  });

  it('checks an account without a read role on its claims only, asking no CloudWatch', async () => {
    const w = world({ state: 'ALARM', updatedAt: secondsAgo(10) });

    const [verdict] = await w.gate.check([incidentOf({ account: NO_ROLE, time: secondsAgo(10).toISOString() })]);

    expect(verdict).toEqual(
      expect.objectContaining({
        ok: true,
        verification: 'claims-only',
        unverified: { kind: 'no-role', account: NO_ROLE },
      }),
    );
    expect(w.asked).toEqual([]);
  });

  it('falls back to the claims when the role cannot be assumed (as without a role), never dropping the event', async () => {
    const w = world('role-fails');

    const [verdict] = await w.gate.check([incidentOf({ account: MEMBER, time: secondsAgo(10).toISOString() })]);

    expect(verdict).toEqual(expect.objectContaining({ ok: true, verification: 'claims-only' }));
  });

  it("decides nothing when the member's CloudWatch itself errs: that record is retried, the others decided", async () => {
    const w = world({ state: 'ALARM', updatedAt: secondsAgo(10) });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    w.memberCw.mock.rejects(throttled);

    const verdicts = await w.gate.check([
      incidentOf({ account: MEMBER, time: secondsAgo(10).toISOString() }),
      incidentOf({ account: ACCOUNT, time: secondsAgo(30).toISOString() }),
    ]);

    expect(verdicts[0]).toEqual({ ok: 'retry', incident: expect.any(Object), error: throttled });
    expect(verdicts[1]).toEqual(expect.objectContaining({ ok: true, verification: 'cloudwatch-current' }));
  });

  it('decides nothing when STS cannot hand out the role for now: retried, not passed on its claims', async () => {
    const unavailable = new ReadRoleUnavailableError(
      MEMBER,
      `arn:aws:iam::${MEMBER}:role/r`,
      'Throttling: Rate exceeded',
    );
    const w = world(unavailable);

    const [verdict] = await w.gate.check([incidentOf({ account: MEMBER, time: secondsAgo(10).toISOString() })]);

    expect(verdict).toEqual({ ok: 'retry', incident: expect.any(Object), error: unavailable });
  });

  it('refuses, never passes on its claims, an OK that CloudWatch contradicts when its history may not be read', async () => {
    // The member alarm is in ALARM now; the notification claims an earlier OK; the role is denied the history.
    const w = world({ state: 'ALARM', updatedAt: secondsAgo(10) });
    const denied = Object.assign(
      new Error(
        'User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: cloudwatch:DescribeAlarmHistory',
      ),
      { name: 'AccessDenied' },
    );
    w.memberCw.mock.on(DescribeAlarmHistoryCommand).rejects(denied);

    const [verdict] = await w.gate.check([
      incidentOf({ account: MEMBER, state: 'OK', time: secondsAgo(60).toISOString() }),
    ]);

    expect(verdict).toEqual(
      expect.objectContaining({
        ok: false,
        reason: 'STATE_MISMATCH',
        detail: expect.stringContaining('its history, which could confirm the claimed change, may not be read'),
      }),
    );
  });

  it('passes on its claims, saying STS was still unavailable, once the notification is past the wait horizon', async () => {
    const unavailable = new ReadRoleUnavailableError(
      MEMBER,
      `arn:aws:iam::${MEMBER}:role/r`,
      'Throttling: Rate exceeded',
    );
    const w = world(unavailable);

    const [verdict] = await w.gate.check([
      incidentOf({ account: MEMBER, time: secondsAgo(STS_WAIT_HORIZON_MS / 1000 + 10).toISOString() }),
    ]);

    expect(verdict).toEqual(
      expect.objectContaining({
        ok: true,
        verification: 'claims-only',
        unverified: { kind: 'role-unavailable', account: MEMBER, reason: 'Throttling: Rate exceeded' },
      }),
    );
    expect(verdict!.ok === true && verdict!.incident.alarmStateUnverified).toBe(
      `alarm state not verified in CloudWatch: the read role for account ${MEMBER} was still unavailable after the retries (STS: Throttling: Rate exceeded); acted on the notification's checked claims`,
    );
  });

  it('says so on the incident when a refused role made it pass on its claims', async () => {
    const w = world('role-fails');

    const [verdict] = await w.gate.check([
      incidentOf({ account: MEMBER, state: 'OK', time: secondsAgo(10).toISOString() }),
    ]);

    expect(verdict).toEqual(
      expect.objectContaining({
        ok: true,
        unverified: { kind: 'role-refused', account: MEMBER, reason: 'AccessDenied' },
      }),
    );
    expect(verdict!.ok === true && verdict!.incident.alarmStateUnverified).toBe(
      `alarm state not verified in CloudWatch: the read role for account ${MEMBER} could not be assumed: AccessDenied; acted on the notification's checked claims`,
    );
  });

  it("passes a member's alarm on its claims, saying why, when its role may not read it; the batch is decided", async () => {
    const w = world({ state: 'ALARM', updatedAt: secondsAgo(10) });
    w.memberCw.mock.rejects(
      Object.assign(
        new Error(
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/apigw-responder-read/apigw-responder@REST.orders-api.prod is not authorized to perform: cloudwatch:DescribeAlarms on resource: arn:aws:cloudwatch:eu-west-1:${MEMBER}:alarm:${NAME} because no identity-based policy allows the cloudwatch:DescribeAlarms action`,
        ),
        { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
      ),
    );

    const verdicts = await w.gate.check([
      incidentOf({ account: MEMBER, time: secondsAgo(10).toISOString() }),
      incidentOf({ account: ACCOUNT, time: secondsAgo(30).toISOString() }),
    ]);

    expect(verdicts[0]).toEqual(
      expect.objectContaining({
        ok: true,
        verification: 'claims-only',
        unverified: expect.objectContaining({ kind: 'alarm-read-denied' }),
      }),
    );
    const line = verdicts[0]!.ok === true ? verdicts[0]!.incident.alarmStateUnverified : undefined;
    expect(line).toMatch(
      /^alarm state not verified in CloudWatch: the read role for account 111122223333 may not read this alarm: AccessDenied: .*cloudwatch:DescribeAlarms/,
    );
    expect(line).toContain('bin/member-read-role.ts');
    expect(verdicts[1]).toEqual(expect.objectContaining({ ok: true, verification: 'cloudwatch-current' }));
  });

  it("reads each incident's alarms in that incident's own session (two APIs of one member)", async () => {
    const w = world({ state: 'ALARM', updatedAt: secondsAgo(10) });
    const time = secondsAgo(10).toISOString();

    await w.gate.check([
      incidentOf({ account: MEMBER, time }),
      incidentOf({ account: MEMBER, kind: 'HTTP', api: 'f6g7h8i9j0', stage: '$default', time }),
      incidentOf({ account: MEMBER, time, signal: '5xx-rate' }),
    ]);

    expect(w.asked).toEqual([
      { account: MEMBER, sessionName: 'apigw-responder@REST.orders-api.prod' },
      { account: MEMBER, sessionName: 'apigw-responder@HTTP.f6g7h8i9j0.-default' },
    ]);
    expect(w.memberCw.calls()).toEqual(['CloudWatch.DescribeAlarms', 'CloudWatch.DescribeAlarms']);
  });
});
