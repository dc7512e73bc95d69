/**
 * The checks a notification must pass on its own claims, before any AWS call: account, region,
 * alarm, API names, watched API/stage and time. Pure: the claims against the deployment's trust
 * policy and the clock.
 */
import { parseAlarmName } from '../../lib/alarms/alarm-name';
import type { ApiRef, Incident } from '../types';
import { API_ID, API_NAME, isValidStage } from './api-names';
import { rejection, type ProvenanceRejection } from './reasons';
import type { TrustPolicy } from './trust-policy';
import { watchedApiOf } from '../diagnosis/api-read-scope';

const describeApi = (api: ApiRef): string => `${api.kind} ${api.name ?? api.id ?? '?'}/${api.stage}`;

function checkAccount(incident: Incident, policy: TrustPolicy): ProvenanceRejection | undefined {
  const trusted = [policy.account, ...policy.trustedAccounts];
  for (const [what, account] of [
    ['alarm', incident.accountId],
    ['watched metric', incident.metric.accountId],
  ] as const) {
    if (account !== undefined && !trusted.includes(account)) {
      return rejection(
        'UNTRUSTED_ACCOUNT',
        `the ${what} is in account ${account}, which is neither this deployment's nor listed in trustedAccounts`,
      );
    }
  }
  return undefined;
}

function checkRegion(incident: Incident, policy: TrustPolicy): ProvenanceRejection | undefined {
  if (incident.region === policy.region || policy.regions.includes(incident.region)) return undefined;
  return rejection(
    'UNTRUSTED_REGION',
    `the alarm is in region ${incident.region}, which is neither this deployment's (${policy.region}) nor listed in regions`,
  );
}

/** CloudWatch's limit on alarm names. */
export const MAX_ALARM_NAME = 255;

/** This project's alarm names say which API/stage they watch: it must be the API the metric names. */
function checkAlarm(incident: Incident, policy: TrustPolicy): ProvenanceRejection | undefined {
  // A name CloudWatch could not hold is refused here: DescribeAlarms would answer it with a
  // ValidationError, which fails the whole batch instead of this one record.
  if (incident.alarmName.length > MAX_ALARM_NAME) {
    return rejection(
      'FOREIGN_ALARM',
      `the alarm name has ${incident.alarmName.length} characters; CloudWatch allows ${MAX_ALARM_NAME}`,
    );
  }
  if (policy.allowedAlarms.includes(incident.alarmName)) return undefined;
  const identity = parseAlarmName(incident.alarmName);
  if (identity === undefined) {
    return rejection(
      'FOREIGN_ALARM',
      "the alarm is not one of this project's (its name does not start with the apigw-responder| prefix) and is not listed in allowedAlarms",
    );
  }
  const { api } = incident;
  const named = api.kind === 'REST' ? api.name : api.id;
  if (identity.kind !== api.kind || identity.api !== named || identity.stage !== api.stage) {
    return rejection(
      'ALARM_API_MISMATCH',
      `the alarm's name is about ${identity.kind} ${identity.api}/${identity.stage} but its metric about ${describeApi(api)}`,
    );
  }
  return undefined;
}

function checkNames(api: ApiRef): ProvenanceRejection | undefined {
  const bad: string[] = [];
  if (!isValidStage(api.kind, api.stage)) bad.push('stage');
  if (api.id !== undefined && !API_ID.test(api.id)) bad.push('API id');
  if (api.name !== undefined && !API_NAME.test(api.name)) bad.push('API name');
  if (bad.length === 0) return undefined;
  return rejection('INVALID_API_NAME', `the ${bad.join(' and ')} cannot be API Gateway's (${JSON.stringify(api)})`);
}

function checkWatched(api: ApiRef, policy: TrustPolicy): ProvenanceRejection | undefined {
  const watched = watchedApiOf(policy.watched, api);
  if (watched !== undefined && watched.stages.includes(api.stage)) return undefined;
  return rejection(
    'UNWATCHED_API',
    watched === undefined
      ? `${describeApi(api)} is not a watched API`
      : `stage ${api.stage} of ${describeApi(api)} is not watched (watched: ${watched.stages.join(', ')})`,
  );
}

function checkTime(incident: Incident, policy: TrustPolicy, nowMs: number): ProvenanceRejection | undefined {
  const atMs = Date.parse(incident.stateChangeTime);
  const aheadMs = atMs - nowMs;
  if (aheadMs > policy.maxClockSkewMinutes * 60_000) {
    return rejection(
      'IMPLAUSIBLE_TIME',
      `the state change is dated ${incident.stateChangeTime}, ${Math.round(aheadMs / 60_000)} min in the future (tolerance ${policy.maxClockSkewMinutes} min)`,
    );
  }
  const ageHours = -aheadMs / 3_600_000;
  if (ageHours > policy.maxEventAgeHours) {
    return rejection(
      'IMPLAUSIBLE_TIME',
      `the state change is dated ${incident.stateChangeTime}, ${Math.round(ageHours)} h ago: older than any event the responder can still receive (${policy.maxEventAgeHours} h)`,
    );
  }
  return undefined;
}

/** The first claim that fails, or undefined when the notification may go on to CloudWatch. */
export function checkClaims(incident: Incident, policy: TrustPolicy, nowMs: number): ProvenanceRejection | undefined {
  return (
    checkAccount(incident, policy) ??
    checkRegion(incident, policy) ??
    checkNames(incident.api) ??
    checkAlarm(incident, policy) ??
    checkWatched(incident.api, policy) ??
    checkTime(incident, policy, nowMs)
  );
}
