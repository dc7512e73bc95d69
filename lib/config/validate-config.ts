/**
 * Turns the user's configuration into a ResolvedConfig or throws a ConfigError naming every bad
 * field and how to fix it. Runs before any construct is created, so a broken config fails
 * `cdk synth` with a readable message instead of a CloudFormation error at deploy time.
 */
import { API_KINDS, PROBE_NAMES, type ProbeName } from '../../functions/types';
// The same rules the responder applies to names in a notification (no separator, no line breaks).
import { API_ID, API_NAME, HTTP_STAGE, REST_STAGE } from '../../functions/provenance/api-names';
import { ALARM_SIGNALS, MAX_ALARM_NAME_LENGTH, alarmName } from '../alarms/alarm-name';
import type { ApiGatewayResponderConfig } from './config';
import { describe, isRecord, Issues, type Untyped } from './issues';
import type { ResolvedApi, ResolvedConfig, ResolvedStage } from './resolved-config';
import { validateReservedConcurrency } from './reserved-concurrency';
import { mergeThresholds, type ThresholdOverrides } from './thresholds';
import { validateQuoteBodies, validateRedaction } from './redaction';
import { TRUST_CONFIG_KEYS, validateTrust } from './trust-config';
import { validateDestinations } from './validate-destinations';
import { validateMaintenanceWindows } from './maintenance-windows';
import { validateRouting } from './validate-routing';
import { validateMergedThresholds, validateThresholdOverrides } from './validate-thresholds';

export const DEFAULT_RUNBOOK_URL = 'https://repost.aws/knowledge-center/api-gateway-5xx-error';

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const LOG_GROUP_NAME = /^[A-Za-z0-9_\-/.#]{1,512}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
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
const CONFIG_KEYS = [
  'apis',
  'thresholds',
  'destinations',
  'operatorEmails',
  'groupingWindowMinutes',
  'probes',
  'activeHealthCheck',
  'eventBridgeTrigger',
  'runbookUrl',
  'responder',
  'maintenanceWindows',
  'redaction',
  ...TRUST_CONFIG_KEYS,
];

/** A list of strings each matching `pattern`; reports the bad ones and returns the good ones. */
function stringList(issues: Issues, path: string, value: unknown, pattern: RegExp, expected: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.add(path, `${describe(value)} is not a list`, `Use a list of ${expected}.`);
    return [];
  }
  const items = value as readonly unknown[];
  return items.filter((item, index): item is string => issues.text(`${path}[${index}]`, item, pattern, expected));
}

function resolveStages(
  issues: Issues,
  path: string,
  api: Untyped,
  kind: 'REST' | 'HTTP',
  apiLevel: readonly (ThresholdOverrides | undefined)[],
): ResolvedStage[] {
  const stages = api.stages;
  if (!Array.isArray(stages) || stages.length === 0) {
    issues.add(`${path}.stages`, 'no stages listed', 'List at least one stage, e.g. stages: ["prod"].');
    return [];
  }
  const seen = new Set<string>();
  const resolved: ResolvedStage[] = [];
  (stages as readonly unknown[]).forEach((stage, index) => {
    const stagePath = `${path}.stages[${index}]`;
    const entry: Untyped = typeof stage === 'string' ? { name: stage } : isRecord(stage) ? stage : { name: stage };
    issues.unknownKeys(stagePath, entry, ['name', 'thresholds', 'routes']);
    const pattern = kind === 'HTTP' ? HTTP_STAGE : REST_STAGE;
    const expected =
      kind === 'HTTP'
        ? 'a stage name ($default, or letters, digits, - and _)'
        : 'a stage name (letters, digits, - and _)';
    if (!issues.text(`${stagePath}${typeof stage === 'string' ? '' : '.name'}`, entry.name, pattern, expected)) return;
    const name = entry.name;
    if (seen.has(name)) {
      issues.add(
        stagePath,
        `stage "${name}" is listed twice`,
        'List each stage once; put its overrides in a single entry.',
      );
      return;
    }
    seen.add(name);
    validateThresholdOverrides(issues, `${stagePath}.thresholds`, entry.thresholds);
    const thresholds = mergeThresholds(...apiLevel, entry.thresholds as ThresholdOverrides | undefined);
    validateMergedThresholds(issues, `${stagePath}.thresholds`, thresholds);
    resolved.push({ name, thresholds });
  });
  return resolved;
}

function resolveApi(
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
function checkDuplicateApis(issues: Issues, apis: readonly (ResolvedApi | undefined)[]): void {
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

function resolveProbes(issues: Issues, value: unknown): ProbeName[] {
  if (value === undefined) return [...PROBE_NAMES];
  const expected = `probe names from: ${PROBE_NAMES.join(', ')}`;
  if (!Array.isArray(value) || value.length === 0) {
    issues.add(
      'probes',
      `${describe(value)} is not a non-empty list`,
      `List ${expected}, or leave probes unset to run all of them.`,
    );
    return [];
  }
  const probes: ProbeName[] = [];
  (value as readonly unknown[]).forEach((item, index) => {
    const probe = PROBE_NAMES.find((name) => name === item);
    if (!probe) issues.add(`probes[${index}]`, `unknown probe ${describe(item)}`, `Use ${expected}.`);
    else if (probes.includes(probe))
      issues.add(`probes[${index}]`, `probe "${probe}" is listed twice`, 'List each probe once.');
    else probes.push(probe);
  });
  return probes;
}

function optionalInteger(
  issues: Issues,
  path: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  return issues.integer(path, value, min, max) ? value : fallback;
}

function optionalBoolean(issues: Issues, path: string, value: unknown): boolean {
  return value !== undefined && issues.boolean(path, value) && value;
}

export function validateConfig(config: ApiGatewayResponderConfig, extraKeys: readonly string[] = []): ResolvedConfig {
  const issues = new Issues();
  const input: Untyped = isRecord(config) ? config : {};
  issues.unknownKeys('config', input, [...CONFIG_KEYS, ...extraKeys]);

  validateThresholdOverrides(issues, 'thresholds', input.thresholds);
  const global = input.thresholds as ThresholdOverrides | undefined;
  let apis: (ResolvedApi | undefined)[] = [];
  if (!Array.isArray(input.apis) || input.apis.length === 0) {
    issues.add(
      'apis',
      'no APIs listed',
      'List at least one API: { kind: "REST", name: "orders-api", stages: ["prod"] } or { kind: "HTTP", id: "a1b2c3d4e5", stages: ["$default"] }.',
    );
  } else {
    apis = (input.apis as readonly unknown[]).map((api, index) => resolveApi(issues, `apis[${index}]`, api, global));
    checkDuplicateApis(issues, apis);
  }

  const {
    destinations,
    secrets: destinationSecrets,
    secretUses: destinationSecretUses,
  } = validateDestinations(issues, 'destinations', input.destinations);
  const routing = validateRouting(issues, input.apis, destinations);
  const secrets = [...new Set([...destinationSecrets, ...routing.secrets])];
  // A route's secret is read like a destination's: it needs the same grant (AWS managed key).
  const secretUses = [
    ...destinationSecretUses,
    ...routing.secrets
      .filter((secret) => !destinationSecretUses.some((use) => use.secret === secret))
      .map((secret) => ({ path: 'apis[].routes', secret })),
  ];
  const operatorEmails = stringList(issues, 'operatorEmails', input.operatorEmails, EMAIL, 'e-mail addresses');
  const probes = resolveProbes(issues, input.probes);
  const runbookUrl = input.runbookUrl === undefined ? DEFAULT_RUNBOOK_URL : input.runbookUrl;
  issues.text('runbookUrl', runbookUrl, /^https:\/\/\S+$/, 'an https:// URL');

  const responder: Untyped = isRecord(input.responder) ? input.responder : {};
  if (input.responder !== undefined && !isRecord(input.responder)) {
    issues.add(
      'responder',
      `${describe(input.responder)} is not an object`,
      'Use { logRetentionDays, reservedConcurrency, notifyReserveMs } or remove it.',
    );
  }
  issues.unknownKeys('responder', responder, ['logRetentionDays', 'reservedConcurrency', 'notifyReserveMs']);
  const logRetentionDays = optionalInteger(
    issues,
    'responder.logRetentionDays',
    responder.logRetentionDays,
    30,
    1,
    3653,
  );
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    issues.add(
      'responder.logRetentionDays',
      `${logRetentionDays} is not a CloudWatch Logs retention`,
      `Use one of: ${LOG_RETENTION_DAYS.join(', ')}.`,
    );
  }

  const resolved: ResolvedConfig = {
    apis: apis.filter((api): api is ResolvedApi => api !== undefined),
    destinations,
    routes: routing.routes,
    secrets,
    secretUses,
    operatorEmails,
    groupingWindowMinutes: optionalInteger(issues, 'groupingWindowMinutes', input.groupingWindowMinutes, 30, 1, 1440),
    probes,
    activeHealthCheck: optionalBoolean(issues, 'activeHealthCheck', input.activeHealthCheck),
    eventBridgeTrigger: optionalBoolean(issues, 'eventBridgeTrigger', input.eventBridgeTrigger),
    runbookUrl: runbookUrl as string,
    maintenanceWindows: validateMaintenanceWindows(issues, 'maintenanceWindows', input.maintenanceWindows),
    trust: validateTrust(issues, input),
    responder: {
      logRetentionDays,
      reservedConcurrency: validateReservedConcurrency(
        issues,
        'responder.reservedConcurrency',
        responder.reservedConcurrency,
      ),
      // The function runs 60 s (see responder-function.ts): keep at least half of it for the diagnosis.
      notifyReserveMs: optionalInteger(
        issues,
        'responder.notifyReserveMs',
        responder.notifyReserveMs,
        15_000,
        1_000,
        30_000,
      ),
    },
    redaction: validateRedaction(issues, 'redaction', input.redaction),
  };
  issues.throwIfAny();
  return resolved;
}
