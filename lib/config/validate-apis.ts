/**
 * Checks the apis section: each API's kind, name or id, stages, backend functions, access log
 * groups and discovery mode, that its alarm names fit CloudWatch's limit, and that no API is
 * listed twice.
 */
// The same rules the responder applies to names in a notification (no separator, no line breaks).
import { API_ID, API_NAME } from '../../functions/provenance/api-names';
import { API_KINDS } from '../../functions/types';
import { ALARM_SIGNALS, MAX_ALARM_NAME_LENGTH, alarmName } from '../alarms/alarm-name';
import { describe, isRecord, type Issues } from './issues';
import { validateQuoteBodies } from './redaction';
import type { ResolvedApi } from './resolved-config';
import { stringList } from './string-list';
import type { ThresholdOverrides } from './thresholds';
import { resolveStages } from './validate-stages';
import { validateThresholdOverrides } from './validate-thresholds';

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const LOG_GROUP_NAME = /^[A-Za-z0-9_\-/.#]{1,512}$/;
const LONGEST_SIGNAL = Object.values(ALARM_SIGNALS).reduce((a, b) => (a.length >= b.length ? a : b));

const API_KEYS = [
  'kind',
  'name',
  'id',
  'stages',
  'thresholds',
  'backendFunctions',
  'accessLogGroups',
  'quoteBodies',
  'discovery',
  'routes',
];

export function resolveApi(
  issues: Issues,
  path: string,
  api: unknown,
  global: ThresholdOverrides | undefined,
): ResolvedApi | undefined {
  if (!isRecord(api)) {
    issues.add(
      path,
      `${describe(api)} is not an object`,
      'Use { kind: "REST", name: "...", stages: [...] } or { kind: "HTTP", id: "...", stages: [...] }.',
    );
    return undefined;
  }
  const kind = API_KINDS.find((candidate) => candidate === api.kind);
  if (!kind) {
    issues.add(
      `${path}.kind`,
      `unknown API kind ${describe(api.kind)}`,
      'Use "REST" (API Gateway v1, watched by name) or "HTTP" (API Gateway v2 HTTP API, watched by id); WebSocket APIs are not supported.',
    );
    return undefined;
  }
  issues.unknownKeys(path, api, API_KEYS);
  const nameOk =
    kind === 'REST' || api.name !== undefined
      ? issues.text(
          `${path}.name`,
          api.name,
          API_NAME,
          kind === 'REST' ? 'the REST API name exactly as in API Gateway (no "|")' : 'a display name without "|"',
        )
      : true;
  const idOk =
    kind === 'HTTP' || api.id !== undefined
      ? issues.text(
          `${path}.id`,
          api.id,
          API_ID,
          'the 10-character API id, e.g. a1b2c3d4e5 (aws apigateway get-rest-apis / aws apigatewayv2 get-apis)',
        )
      : true;
  validateThresholdOverrides(issues, `${path}.thresholds`, api.thresholds);
  const stages = resolveStages(issues, path, api, kind, [global, api.thresholds as ThresholdOverrides | undefined]);
  const backendFunctions = stringList(
    issues,
    `${path}.backendFunctions`,
    api.backendFunctions,
    FUNCTION_NAME,
    'Lambda function names',
  );
  const accessLogGroups = stringList(
    issues,
    `${path}.accessLogGroups`,
    api.accessLogGroups,
    LOG_GROUP_NAME,
    'CloudWatch log group names',
  );
  const discovery = api.discovery ?? 'listed';
  const discoveryOk = issues.text(
    `${path}.discovery`,
    discovery,
    /^(listed|account-wide)$/,
    '"listed" (read only what backendFunctions and accessLogGroups name) or "account-wide" (the broad, explicit opt-in)',
  );
  if (!nameOk || !idOk || !discoveryOk) return undefined;

  const resolved: ResolvedApi = {
    kind,
    ...(api.id === undefined ? {} : { id: api.id as string }),
    ...(api.name === undefined ? {} : { name: api.name as string }),
    stages,
    backendFunctions,
    accessLogGroups,
    quoteBodies: validateQuoteBodies(issues, `${path}.quoteBodies`, api.quoteBodies),
    discovery: discovery as ResolvedApi['discovery'],
  };
  const alarmApi = kind === 'REST' ? (resolved.name ?? '') : (resolved.id ?? '');
  for (const stage of stages) {
    const longest = alarmName({ kind, api: alarmApi, stage: stage.name, signal: LONGEST_SIGNAL });
    if (longest.length > MAX_ALARM_NAME_LENGTH) {
      issues.add(
        `${path}.name`,
        `alarm names for stage "${stage.name}" would be ${longest.length} characters`,
        `CloudWatch allows ${MAX_ALARM_NAME_LENGTH}: use a shorter API or stage name.`,
      );
    }
  }
  return resolved;
}

/** Reports the same API listed twice (REST by name or id, HTTP by id). */
export function checkDuplicateApis(issues: Issues, apis: readonly (ResolvedApi | undefined)[]): void {
  const seen = new Map<string, number>();
  apis.forEach((api, index) => {
    if (!api) return;
    const keys = [
      api.kind === 'HTTP' ? `HTTP id ${api.id}` : `REST name "${api.name}"`,
      ...(api.kind === 'REST' && api.id ? [`REST id ${api.id}`] : []),
    ];
    for (const key of keys) {
      const first = seen.get(key);
      if (first !== undefined) {
        issues.add(
          `apis[${index}]`,
          `duplicates apis[${first}] (${key})`,
          'List each API once and put all its stages in that entry.',
        );
      } else {
        seen.set(key, index);
      }
    }
  });
}
