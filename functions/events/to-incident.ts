/**
 * From one alarm notification to the Incident the responder diagnoses: which API Gateway stage
 * (dimensions first, then the project's alarm naming), where (region from the ARN, never the
 * display name) and which time window to examine.
 */
import type { AlarmMetric, AlarmState, ApiRef, Incident } from '../types';
import { ALARM_STATES } from '../types';
import type { AlarmNotification, MetricQuery } from './alarm-notification';
import { incidentWindow } from '../incident-window';
import { MalformedEventError, NotApiGatewayAlarmError } from './errors';
import { alarmNameFromArn, isAccountId, isRegionCode, normalizeTime, parseArn } from './normalize';
import type { AlarmIdentity } from '../../lib/alarms/alarm-name';
import { parseAlarmMarker, parseAlarmName } from '../../lib/alarms/alarm-name';

const API_GATEWAY_NAMESPACE = 'AWS/ApiGateway';

function apiFromDimensions(
  namespace: string | undefined,
  dimensions: Readonly<Record<string, string>>,
): ApiRef | undefined {
  if (namespace !== API_GATEWAY_NAMESPACE) return undefined;
  const stage = dimensions['Stage'];
  if (!stage) return undefined;
  if (dimensions['ApiId']) return { kind: 'HTTP', id: dimensions['ApiId'], stage };
  if (dimensions['ApiName']) return { kind: 'REST', name: dimensions['ApiName'], stage };
  return undefined;
}

function apiOfIdentity(identity: AlarmIdentity | undefined): ApiRef | undefined {
  if (identity === undefined) return undefined;
  return identity.kind === 'REST'
    ? { kind: 'REST', name: identity.api, stage: identity.stage }
    : { kind: 'HTTP', id: identity.api, stage: identity.stage };
}

/** The project's own alarms say which API/stage they watch in their name and description. */
export function projectAlarmIdentity(alarmName: string, description?: string): AlarmIdentity | undefined {
  return parseAlarmName(alarmName) ?? (description === undefined ? undefined : parseAlarmMarker(description));
}

function apiKey(api: ApiRef): string {
  return `${api.kind}|${api.id ?? ''}|${api.name ?? ''}|${api.stage}`;
}

function uniqueApis(apis: readonly (ApiRef | undefined)[]): ApiRef[] {
  const byKey = new Map<string, ApiRef>();
  for (const api of apis) if (api !== undefined) byKey.set(apiKey(api), api);
  return [...byKey.values()];
}

function describeApi(api: ApiRef): string {
  return `${api.kind} ${api.name ?? api.id ?? '?'}/${api.stage}`;
}

interface ApiResolution {
  readonly api: ApiRef;
  readonly query?: MetricQuery;
}

/** Which API stage the alarm is about, or a sentence saying why none can be told. */
function resolveApi(n: AlarmNotification): ApiResolution | string {
  if (n.metric !== undefined) {
    const api = apiFromDimensions(n.metric.namespace, n.metric.dimensions);
    if (api !== undefined) return { api };
  }
  const fromQueries = n.queries
    .map((query) => ({ query, api: apiFromDimensions(query.namespace, query.dimensions) }))
    .filter((q): q is { query: MetricQuery; api: ApiRef } => q.api !== undefined);
  const queryApis = uniqueApis(fromQueries.map((q) => q.api));
  if (queryApis.length === 1) return { api: queryApis[0]!, query: fromQueries[0]!.query };

  const named = apiOfIdentity(projectAlarmIdentity(n.alarmName, n.description));
  if (named !== undefined) return { api: named };

  if (n.composite !== undefined) {
    const childApis = uniqueApis(
      n.composite.children.map((child) => {
        const name = alarmNameFromArn(child) ?? child;
        return apiOfIdentity(parseAlarmName(name));
      }),
    );
    if (childApis.length === 1) return { api: childApis[0]! };
    if (childApis.length > 1) {
      return `composite alarm "${n.alarmName}" spans several API stages (${childApis.map(describeApi).join(', ')}): cannot tell which one to diagnose`;
    }
    return `composite alarm "${n.alarmName}" has no child that is one of this project's API alarms`;
  }
  if (queryApis.length > 1) {
    return `metric-math alarm "${n.alarmName}" watches several API stages (${queryApis.map(describeApi).join(', ')}): cannot tell which one to diagnose`;
  }
  const watched = n.metric !== undefined ? [n.metric] : n.queries.filter((q) => q.namespace !== undefined);
  if (watched.length === 0)
    return `alarm "${n.alarmName}" names no metric and does not follow this project's alarm naming`;
  const gateway = watched.find((m) => m.namespace === API_GATEWAY_NAMESPACE);
  if (gateway !== undefined) {
    const dims = Object.keys(gateway.dimensions).join(', ') || 'none';
    return `alarm "${n.alarmName}" watches AWS/ApiGateway ${gateway.metricName ?? ''} without an API and Stage dimension (dimensions: ${dims}): the responder diagnoses one API stage`;
  }
  const what = [...new Set(watched.map((m) => `${m.namespace ?? '?'} ${m.metricName ?? '?'}`))].join(', ');
  return `alarm "${n.alarmName}" watches ${what}, not an API Gateway metric`;
}

function metricOf(n: AlarmNotification, query: MetricQuery | undefined): AlarmMetric {
  const returned = n.queries.filter((q) => q.returnData !== false && q.id !== n.thresholdMetricId);
  const expression =
    returned.find((q) => q.expression !== undefined)?.expression ??
    n.queries.find((q) => q.id === n.thresholdMetricId)?.expression;
  const series = query ?? returned.find((q) => q.metricName !== undefined) ?? n.queries.find((q) => q.metricName);
  const single = n.metric;
  const metric: AlarmMetric = {
    namespace: single?.namespace ?? series?.namespace,
    metricName: single?.metricName ?? series?.metricName,
    statistic: single?.statistic ?? series?.stat,
    periodSeconds: single?.periodSeconds ?? series?.periodSeconds,
    evaluationPeriods: n.evaluationPeriods,
    datapointsToAlarm: n.datapointsToAlarm,
    threshold: n.threshold,
    comparisonOperator: n.comparisonOperator,
    expression,
    accountId: series?.accountId,
  };
  return Object.fromEntries(Object.entries(metric).filter(([, v]) => v !== undefined));
}

function isAlarmState(value: string): value is AlarmState {
  return (ALARM_STATES as readonly string[]).includes(value);
}

/** Throws MalformedEventError or NotApiGatewayAlarmError; nothing else. */
export function toIncident(n: AlarmNotification): Incident {
  const ids = { ...n.identifiers, alarmName: n.alarmName, alarmArn: n.alarmArn, state: n.state };
  if (!isAlarmState(n.state)) {
    throw new MalformedEventError('INVALID_ALARM', `alarm "${n.alarmName}" has an unknown state "${n.state}"`, ids);
  }
  const resolved = resolveApi(n);
  if (typeof resolved === 'string') throw new NotApiGatewayAlarmError(resolved, ids);

  const stateChangeTime = normalizeTime(n.stateChangeTime);
  if (stateChangeTime === undefined) {
    throw new MalformedEventError('INVALID_ALARM', `alarm "${n.alarmName}" has an unreadable state-change time`, ids);
  }
  const arn = parseArn(n.alarmArn);
  const region = isRegionCode(arn?.region) ? arn.region : isRegionCode(n.regionHint) ? n.regionHint : undefined;
  if (region === undefined) {
    throw new MalformedEventError(
      'INVALID_ALARM',
      `alarm "${n.alarmName}": no region (the alarm ARN is missing or unreadable and the envelope names none)`,
      ids,
    );
  }
  const accountId = isAccountId(arn?.account) ? arn.account : isAccountId(n.accountId) ? n.accountId : undefined;
  if (accountId === undefined) {
    throw new MalformedEventError('INVALID_ALARM', `alarm "${n.alarmName}": no account id`, ids);
  }
  const partition = arn?.partition || n.partitionHint || 'aws';
  const alarmArn =
    arn !== undefined && arn.service === 'cloudwatch' && isRegionCode(arn.region)
      ? `arn:${arn.partition}:cloudwatch:${arn.region}:${arn.account}:${arn.resource}`
      : `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${n.alarmName}`;

  const metric = metricOf(n, resolved.query);
  const previousState = n.previousState !== undefined && isAlarmState(n.previousState) ? n.previousState : undefined;
  const incident: Incident = {
    alarmName: n.alarmName,
    alarmArn,
    ...(n.description ? { alarmDescription: n.description } : {}),
    state: n.state,
    ...(previousState ? { previousState } : {}),
    stateChangeTime,
    ...(n.reason ? { reason: n.reason } : {}),
    region,
    accountId,
    api: resolved.api,
    metric,
    window: incidentWindow(stateChangeTime, metric, normalizeTime(n.evaluationStart)),
    source: n.source,
  };
  return incident;
}
