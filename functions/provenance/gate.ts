/**
 * The provenance gate: every parsed notification of one Lambda event passes here once, right
 * after parsing and before the event lease, any diagnosis or any message. First its claims
 * (static-checks.ts: account, region, API names, this project's alarm, watched API/stage, time),
 * then CloudWatch's view (verify-state.ts): one DescribeAlarms per region for the whole batch, and
 * DescribeAlarmHistory only for a notification CloudWatch has since moved past.
 *
 * Alarms of another trusted account are read in that account's CloudWatch through its read role
 * (`crossAccountRoles`, docs/cross-account.md), in the session of the incident they are for (so
 * one DescribeAlarms per region, account and API stage). They are checked on their claims only,
 * and the incident says so (unverified.ts), when the account has no role, when STS refuses the
 * role for good, or when the role may not read the alarm (a member stack older than the config).
 *
 * Any other read error (throttled, timed out, STS unavailable, this account's CloudWatch denied)
 * decides nothing: the records it was for get a `retry` verdict, the responder handles the others
 * and then fails the invocation, so Lambda retries it (then the DLQ keeps it for replay-dlq).
 * One bound (cross-account/sts-wait.ts): a member's alarm whose read role STS still cannot hand
 * out once the notification is past the wait horizon (Lambda's last retry, a replay) passes on its
 * claims, saying so, rather than leave the incident unposted for as long as STS is down.
 */
import { ReadRoleError, ReadRoleUnavailableError } from '../cross-account/read-role-sessions';
import { stsHorizonPassed } from '../cross-account/sts-wait';
import { isAccessDenied, safeReasonOf } from '../cross-account/role-errors';
import { incidentSessionName } from '../cross-account/session-name';
import type { Incident } from '../types';
import type { AlarmAccount, AlarmStateReader, AlarmView } from './alarm-state-reader';
import { rejection, type ProvenanceRejection } from './reasons';
import { checkClaims } from './static-checks';
import type { TrustPolicy } from './trust-policy';
import { withUnverified, type UnverifiedAlarm } from './unverified';
import { compareWithCurrent, compareWithHistory, HISTORY_MATCH_MS, type StateVerdict } from './verify-state';

/** How an accepted notification was verified, for the log. */
export type Verification = 'cloudwatch-current' | 'cloudwatch-history' | 'claims-only';

export interface ProvenanceAccepted {
  readonly ok: true;
  readonly incident: Incident;
  readonly verification: Verification;
  /** Another account's alarm CloudWatch could not confirm: why (the incident carries its line). */
  readonly unverified?: UnverifiedAlarm;
}

/** CloudWatch could not be read for now: nothing decided, the record fails and is retried. */
export interface ProvenanceRetry {
  readonly ok: 'retry';
  readonly incident: Incident;
  readonly error: Error;
}

export type ProvenanceVerdict = ProvenanceAccepted | ProvenanceRetry | ProvenanceRejection;

export interface ProvenanceGate {
  /** One verdict per incident, in order. A read that fails is a verdict (`retry` or unverified), not a throw. */
  check(incidents: readonly Incident[]): Promise<ProvenanceVerdict[]>;
}

export interface ProvenanceGateOptions {
  readonly policy: TrustPolicy;
  /** Created on the first notification that needs it. */
  readonly reader: () => Promise<AlarmStateReader>;
  readonly now: () => number;
  /** Other accounts whose CloudWatch can be read (those with a read role). @default none */
  readonly readsAccount?: (account: string) => boolean;
}

function withView(incident: Incident, view: AlarmView): Incident {
  return { ...incident, cloudWatch: { state: view.state, updatedAt: view.updatedAt } };
}

function unverifiedVerdict(incident: Incident, unverified: UnverifiedAlarm): ProvenanceAccepted {
  return { ok: true, incident: withUnverified(incident, unverified), verification: 'claims-only', unverified };
}

export function createProvenanceGate(options: ProvenanceGateOptions): ProvenanceGate {
  const { policy } = options;
  /** Only ALARM and OK are acted on; only this account's alarms and those behind a read role can be read. */
  const needsCloudWatch = (incident: Incident): boolean =>
    incident.state !== 'INSUFFICIENT_DATA' &&
    (incident.accountId === policy.account || options.readsAccount?.(incident.accountId) === true);
  /** Whose CloudWatch holds the alarm: absent for this account's; another's in the incident's own session. */
  const whereOf = (incident: Incident): AlarmAccount | undefined =>
    incident.accountId === policy.account
      ? undefined
      : { account: incident.accountId, sessionName: incidentSessionName(incident) };
  /** One read per CloudWatch and session: region, account and (another account's) incident session. */
  const groupOf = (incident: Incident): string =>
    `${incident.region}#${incident.accountId}#${whereOf(incident)?.sessionName ?? ''}`;

  /** Accepted on its claims: another account's ALARM or OK says that CloudWatch was not asked. */
  function onClaims(incident: Incident): ProvenanceAccepted {
    if (incident.state === 'INSUFFICIENT_DATA' || incident.accountId === policy.account)
      return { ok: true, incident, verification: 'claims-only' };
    return unverifiedVerdict(incident, { kind: 'no-role', account: incident.accountId });
  }

  /** A read of CloudWatch failed: a role refused for good, or denied the alarm, falls back to the claims. */
  function onReadFailure(incident: Incident, error: unknown): ProvenanceVerdict {
    const account = incident.accountId;
    if (account !== policy.account) {
      if (error instanceof ReadRoleError)
        return unverifiedVerdict(incident, { kind: 'role-refused', account, reason: error.reason });
      if (error instanceof ReadRoleUnavailableError && stsHorizonPassed(incident.stateChangeTime, options.now()))
        return unverifiedVerdict(incident, { kind: 'role-unavailable', account, reason: error.reason });
      if (isAccessDenied(error))
        return unverifiedVerdict(incident, {
          kind: 'alarm-read-denied',
          account,
          reason: safeReasonOf(error),
        });
    }
    return { ok: 'retry', incident, error: error instanceof Error ? error : new Error(String(error)) };
  }

  async function verify(
    reader: AlarmStateReader,
    incident: Incident,
    verdict: StateVerdict,
  ): Promise<ProvenanceVerdict> {
    if (verdict.ok === true) {
      return {
        ok: true,
        incident: withView(incident, verdict.view),
        verification: verdict.via === 'current' ? 'cloudwatch-current' : 'cloudwatch-history',
      };
    }
    if (verdict.ok === false) return verdict;
    const claimedMs = Date.parse(incident.stateChangeTime);
    let changes;
    try {
      changes = await reader.history(
        incident.region,
        incident.alarmName,
        new Date(claimedMs - HISTORY_MATCH_MS),
        new Date(claimedMs + HISTORY_MATCH_MS),
        whereOf(incident),
      );
    } catch (error) {
      // CloudWatch's current view, just read, contradicts the claim: a denied history cannot confirm
      // it, so it is refused, never passed on its claims (review 6 #7). Other errors: retried.
      if (!isAccessDenied(error)) throw error;
      return rejection(
        'STATE_MISMATCH',
        `the notification claims ${incident.state} at ${incident.stateChangeTime}; CloudWatch says ${verdict.view.state} since ${verdict.view.updatedAt}, and its history, which could confirm the claimed change, may not be read: ${safeReasonOf(error)}`,
      );
    }
    return verify(reader, incident, compareWithHistory(incident, verdict.view, changes));
  }

  return {
    async check(incidents) {
      const nowMs = options.now();
      const verdicts: (ProvenanceVerdict | undefined)[] = incidents.map((incident) => {
        const rejected = checkClaims(incident, policy, nowMs);
        if (rejected !== undefined) return rejected;
        return needsCloudWatch(incident) ? undefined : onClaims(incident);
      });
      const pending = incidents.map((incident, index) => ({ incident, index })).filter(({ index }) => !verdicts[index]);
      if (pending.length === 0) return verdicts as ProvenanceVerdict[];

      const reader = await options.reader();
      for (const group of new Set(pending.map(({ incident }) => groupOf(incident)))) {
        const inGroup = pending.filter(({ incident }) => groupOf(incident) === group);
        const first = inGroup[0]!.incident;
        let views: ReadonlyMap<string, AlarmView>;
        try {
          const names = [...new Set(inGroup.map(({ incident }) => incident.alarmName))];
          views = await reader.current(first.region, names, whereOf(first));
        } catch (error) {
          for (const { incident, index } of inGroup) verdicts[index] = onReadFailure(incident, error);
          continue;
        }
        for (const { incident, index } of inGroup) {
          try {
            verdicts[index] = await verify(
              reader,
              incident,
              compareWithCurrent(incident, views.get(incident.alarmName)),
            );
          } catch (error) {
            verdicts[index] = onReadFailure(incident, error);
          }
        }
      }
      return verdicts as ProvenanceVerdict[];
    },
  };
}
