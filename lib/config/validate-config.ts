/**
 * Turns the user's configuration into a ResolvedConfig or throws a ConfigError naming every bad
 * field and how to fix it. Runs before any construct is created, so a broken config fails
 * `cdk synth` with a readable message instead of a CloudFormation error at deploy time.
 */
import type { ApiGatewayResponderConfig } from './config';
import { describe, isRecord, Issues, type Untyped } from './issues';
import type { ResolvedApi, ResolvedConfig } from './resolved-config';
import { validateReservedConcurrency } from './reserved-concurrency';
import type { ThresholdOverrides } from './thresholds';
import { validateRedaction } from './redaction';
import { stringList } from './string-list';
import { TRUST_CONFIG_KEYS, validateTrust } from './trust-config';
import { CROSS_ACCOUNT_CONFIG_KEYS, validateCrossAccountRoles } from './cross-account-roles';
import { checkDuplicateApis, resolveApi } from './validate-apis';
import { validateDestinations } from './validate-destinations';
import { validateMaintenanceWindows } from './maintenance-windows';
import { resolveProbes } from './validate-probes';
import { validateRouting } from './validate-routing';
import { validateThresholdOverrides } from './validate-thresholds';

export const DEFAULT_RUNBOOK_URL = 'https://repost.aws/knowledge-center/api-gateway-5xx-error';

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

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
  ...CROSS_ACCOUNT_CONFIG_KEYS,
];

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

  const { destinations, secretUses: destinationSecretUses } = validateDestinations(
    issues,
    'destinations',
    input.destinations,
  );
  const routing = validateRouting(issues, input.apis, destinations);
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

  const trust = validateTrust(issues, input);
  const resolved: ResolvedConfig = {
    apis: apis.filter((api): api is ResolvedApi => api !== undefined),
    destinations,
    routes: routing.routes,
    secretUses,
    operatorEmails,
    groupingWindowMinutes: optionalInteger(issues, 'groupingWindowMinutes', input.groupingWindowMinutes, 30, 1, 1440),
    probes,
    activeHealthCheck: optionalBoolean(issues, 'activeHealthCheck', input.activeHealthCheck),
    eventBridgeTrigger: optionalBoolean(issues, 'eventBridgeTrigger', input.eventBridgeTrigger),
    runbookUrl: runbookUrl as string,
    maintenanceWindows: validateMaintenanceWindows(issues, 'maintenanceWindows', input.maintenanceWindows),
    trust,
    crossAccountRoles: validateCrossAccountRoles(issues, input.crossAccountRoles, trust.trustedAccounts),
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
