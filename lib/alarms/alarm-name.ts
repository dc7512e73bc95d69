/**
 * The naming contract between the alarms and the responder. Metric-math alarm notifications do
 * not carry the API's dimensions, so every alarm says which API/stage it watches twice: in its
 * name and in a machine-readable line of its description. No CDK imports here: the Lambda bundle
 * imports this file to parse what the alarms say.
 *
 * Name:        apigw-responder|<REST|HTTP>|<ApiName (REST) or ApiId (HTTP)>|<stage>|<signal>
 * Description: ...human text...\napigw-responder:{"kind":"REST","apiName":"orders","stage":"prod","signal":"5xx-rate"}
 *              (HTTP APIs: "apiId" instead of "apiName")
 */
import { API_KINDS, type ApiKind } from '../../functions/types';

export const ALARM_NAME_PREFIX = 'apigw-responder';
export const ALARM_NAME_SEPARATOR = '|';
/** Starts the machine-readable line of every alarm description. */
export const ALARM_MARKER = 'apigw-responder:';
/** CloudWatch's limit on alarm names. */
export const MAX_ALARM_NAME_LENGTH = 255;

/** The signal part of an alarm name, per threshold. */
export const ALARM_SIGNALS = {
  serverErrorCount: '5xx-count',
  serverErrorRate: '5xx-rate',
  latencyP99: 'p99-latency',
  integrationLatencyP99: 'p99-integration-latency',
  clientErrorRate: '4xx-rate',
} as const;
export type AlarmSignal = (typeof ALARM_SIGNALS)[keyof typeof ALARM_SIGNALS];
const SIGNAL_VALUES: readonly string[] = Object.values(ALARM_SIGNALS);

/** What one alarm watches. */
export interface AlarmIdentity {
  readonly kind: ApiKind;
  /** REST: the ApiName dimension; HTTP: the ApiId dimension. */
  readonly api: string;
  readonly stage: string;
  readonly signal: AlarmSignal;
}

export function alarmName(identity: AlarmIdentity): string {
  return [ALARM_NAME_PREFIX, identity.kind, identity.api, identity.stage, identity.signal].join(ALARM_NAME_SEPARATOR);
}

/** The description's last line. */
export function alarmMarkerLine(identity: AlarmIdentity): string {
  const apiKey = identity.kind === 'REST' ? 'apiName' : 'apiId';
  return `${ALARM_MARKER}${JSON.stringify({ kind: identity.kind, [apiKey]: identity.api, stage: identity.stage, signal: identity.signal })}`;
}

function identityOf(kind: unknown, api: unknown, stage: unknown, signal: unknown): AlarmIdentity | undefined {
  const validKind = API_KINDS.find((candidate) => candidate === kind);
  if (!validKind || typeof api !== 'string' || api === '' || typeof stage !== 'string' || stage === '')
    return undefined;
  if (typeof signal !== 'string' || !SIGNAL_VALUES.includes(signal)) return undefined;
  return { kind: validKind, api, stage, signal: signal as AlarmSignal };
}

/** Reads an alarm name of this project; undefined for any other alarm. */
export function parseAlarmName(name: string): AlarmIdentity | undefined {
  const parts = name.split(ALARM_NAME_SEPARATOR);
  if (parts.length !== 5 || parts[0] !== ALARM_NAME_PREFIX) return undefined;
  return identityOf(parts[1], parts[2], parts[3], parts[4]);
}

/** Reads the marker line of an alarm description; undefined when there is none or it is damaged. */
export function parseAlarmMarker(description: string): AlarmIdentity | undefined {
  const line = description.split('\n').find((candidate) => candidate.startsWith(ALARM_MARKER));
  if (line === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(ALARM_MARKER.length));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const fields = parsed as Readonly<Record<string, unknown>>;
  const api = fields.kind === 'REST' ? fields.apiName : fields.apiId;
  return identityOf(fields.kind, api, fields.stage, fields.signal);
}
