/**
 * The provenance gate: every parsed notification of one Lambda event passes here once, right
 * after parsing and before the event lease, any diagnosis or any message. First its claims
 * (static-checks.ts: account, region, API names, this project's alarm, watched API/stage, time),
 * then CloudWatch's view (verify-state.ts): one DescribeAlarms per region for the whole batch, and
 * DescribeAlarmHistory only for a notification CloudWatch has since moved past.
 *
 * Alarms of another trusted account are read in that account's CloudWatch through its read role
 * (`crossAccountRoles`, docs/cross-account.md). Without one they are checked on their claims only;
 * so are they when the role cannot be assumed (the responder logs why): exactly what they got
 * before read roles existed, never a lost notification. A CloudWatch error is thrown, not
 * swallowed: nothing is acted on unverified, and Lambda retries the event (then the DLQ keeps it
 * for replay-dlq).
 */
import { ReadRoleError } from '../cross-account/read-role-sessions';
import { incidentSessionName } from '../cross-account/session-name';
import type { Incident } from '../types';
import type { AlarmAccount, AlarmStateReader, AlarmView } from './alarm-state-reader';
import type { ProvenanceRejection } from './reasons';
import { checkClaims } from './static-checks';
import type { TrustPolicy } from './trust-policy';
import { compareWithCurrent, compareWithHistory, HISTORY_MATCH_MS, type StateVerdict } from './verify-state';

/** How an accepted notification was verified, for the log. */
export type Verification = 'cloudwatch-current' | 'cloudwatch-history' | 'claims-only';

export type ProvenanceVerdict =
  { readonly ok: true; readonly incident: Incident; readonly verification: Verification } | ProvenanceRejection;

export interface ProvenanceGate {
  /** One verdict per incident, in order. Throws when CloudWatch cannot be read. */
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

export function createProvenanceGate(options: ProvenanceGateOptions): ProvenanceGate {
  const { policy } = options;
  /** Only ALARM and OK are acted on; only this account's alarms and those behind a read role can be read. */
  const needsCloudWatch = (incident: Incident): boolean =>
    incident.state !== 'INSUFFICIENT_DATA' &&
    (incident.accountId === policy.account || options.readsAccount?.(incident.accountId) === true);
  /** Whose CloudWatch holds the alarm: absent for this account's. */
  const whereOf = (incident: Incident): AlarmAccount | undefined =>
    incident.accountId === policy.account
      ? undefined
      : { account: incident.accountId, sessionName: incidentSessionName(incident) };

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
    const changes = await reader.history(
      incident.region,
      incident.alarmName,
      new Date(claimedMs - HISTORY_MATCH_MS),
      new Date(claimedMs + HISTORY_MATCH_MS),
      whereOf(incident),
    );
    return verify(reader, incident, compareWithHistory(incident, verdict.view, changes));
  }

  return {
    async check(incidents) {
      const nowMs = options.now();
      const verdicts: (ProvenanceVerdict | undefined)[] = incidents.map((incident) => {
        const rejected = checkClaims(incident, policy, nowMs);
        if (rejected !== undefined) return rejected;
        return needsCloudWatch(incident) ? undefined : { ok: true, incident, verification: 'claims-only' };
      });
      const pending = incidents.map((incident, index) => ({ incident, index })).filter(({ index }) => !verdicts[index]);
      if (pending.length === 0) return verdicts as ProvenanceVerdict[];

      const reader = await options.reader();
      // One DescribeAlarms per CloudWatch: per region and account.
      const groups = [...new Set(pending.map(({ incident }) => `${incident.region}#${incident.accountId}`))];
      for (const group of groups) {
        const inGroup = pending.filter(({ incident }) => `${incident.region}#${incident.accountId}` === group);
        const first = inGroup[0]!.incident;
        try {
          const names = [...new Set(inGroup.map(({ incident }) => incident.alarmName))];
          const views = await reader.current(first.region, names, whereOf(first));
          for (const { incident, index } of inGroup) {
            verdicts[index] = await verify(
              reader,
              incident,
              compareWithCurrent(incident, views.get(incident.alarmName)),
            );
          }
        } catch (error) {
          // The read role could not be assumed: these alarms are checked on their claims, as without a role.
          if (!(error instanceof ReadRoleError)) throw error;
          for (const { incident, index } of inGroup)
            verdicts[index] = { ok: true, incident, verification: 'claims-only' };
        }
      }
      return verdicts as ProvenanceVerdict[];
    },
  };
}
