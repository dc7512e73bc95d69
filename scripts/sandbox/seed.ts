/**
 * Seeds the emulator with a realistic broken API for one named scenario, with plain SDK calls:
 * the backend function (configuration only, the emulator runs no code), the API and stage with
 * logging settings, execution-log, access-log and function log lines of a real failure, and the
 * API Gateway and Lambda metrics of it. The tests, the handler's tests and the demo reuse it.
 *
 * The stories live in scenarios.ts; the seed-* files create each part. This file orders them and
 * describes what was seeded.
 */
import { randomUUID } from 'node:crypto';
import { incidentWindow } from '../../functions/diagnosis/incident';
import type { Incident, TimeWindow } from '../../functions/types';
import { SANDBOX_ACCOUNT, SANDBOX_REGION } from './env';
import { FAILURES_PER_MINUTE, trafficTimeline } from './scenario-traffic';
import { apiKindOf, SCENARIO_FAILURES } from './scenarios';
import type { ScenarioName } from './scenarios';
import { createHttpApi, createRestApi } from './seed-api';
import { seedClients } from './seed-clients';
import type { SeedClients } from './seed-clients';
import { allowApiToInvoke, createBackendFunction } from './seed-function';
import { seedFailureLogs } from './seed-logs';
import { seedFailureMetrics } from './seed-metrics';

// Importers of seed see the scenario table and the seeding helpers here, as before the split.
export { SCENARIOS } from './scenarios';
export type { ScenarioName } from './scenarios';
export { seedClients } from './seed-clients';
export type { SeedClients } from './seed-clients';
export { handlerZip } from './handler-zip';

export interface SeedOptions {
  /** @default "orders-api-<random>" (unique, so parallel tests do not collide) */
  readonly apiName?: string;
  /** @default "prod" */
  readonly stage?: string;
  /** The alarm's state change; the failure runs for the 6 minutes before it. @default now */
  readonly now?: Date;
  /** @default "<apiName>-handler" */
  readonly functionName?: string;
  /** The account the clients act in (another one through assumed-role credentials). @default SANDBOX_ACCOUNT */
  readonly accountId?: string;
}

export interface SeededScenario {
  readonly scenario: ScenarioName;
  readonly kind: 'REST' | 'HTTP';
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly apiName: string;
  readonly stage: string;
  readonly route: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly executionLogGroup?: string;
  readonly accessLogGroup: string;
  readonly lambdaLogGroup: string;
  readonly stateChangeTime: string;
  readonly window: TimeWindow;
  /** First failing minute, ISO. */
  readonly onset: string;
  /** Request ids of the failing requests (execution/access logs). */
  readonly requestIds: readonly string[];
  /** An ALARM incident for the scenario, as the alarm path would build it. */
  readonly incident: Incident;
}

/** The ALARM incident the API's 5XX alarm would raise at `stateChangeTime`. */
function alarmIncident(input: {
  readonly kind: 'REST' | 'HTTP';
  readonly apiId: string;
  readonly apiName: string;
  readonly stage: string;
  readonly region: string;
  readonly accountId: string;
  readonly stateChangeTime: string;
  readonly window: TimeWindow;
}): Incident {
  const { kind, apiId, apiName, stage, region, accountId, stateChangeTime, window } = input;
  const alarmName = `${apiName}-${stage}-5xx`;
  return {
    alarmName,
    alarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${alarmName}`,
    state: 'ALARM',
    previousState: 'OK',
    stateChangeTime,
    reason: `Threshold Crossed: 1 datapoint [${FAILURES_PER_MINUTE}.0] was greater than the threshold (5.0).`,
    region,
    accountId,
    api: kind === 'REST' ? { kind, name: apiName, stage } : { kind, id: apiId, name: apiName, stage },
    metric: {
      namespace: 'AWS/ApiGateway',
      metricName: kind === 'REST' ? '5XXError' : '5xx',
      statistic: 'Sum',
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 1,
      threshold: 5,
      comparisonOperator: 'GreaterThanThreshold',
    },
    window,
    source: 'sns',
  };
}

export async function seedScenario(
  target: string | SeedClients,
  scenario: ScenarioName,
  options: SeedOptions = {},
): Promise<SeededScenario> {
  const clients = typeof target === 'string' ? seedClients(target) : target;
  const failure = SCENARIO_FAILURES[scenario];
  const kind = apiKindOf(scenario);
  const suffix = randomUUID().slice(0, 8);
  const apiName = options.apiName ?? `orders-api-${suffix}`;
  const stage = options.stage ?? 'prod';
  const functionName = options.functionName ?? `${apiName}-handler`;
  const region = SANDBOX_REGION;
  const accountId = options.accountId ?? SANDBOX_ACCOUNT;
  const now = options.now ?? new Date();
  const stateChangeTime = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString();
  const timeline = trafficTimeline(now);

  const functionArn = await createBackendFunction(clients, { apiName, functionName, failure, region, accountId });

  const accessLogGroup = `/aws/apigateway/${apiName}/access`;
  const accessLogArn = `arn:aws:logs:${region}:${accountId}:log-group:${accessLogGroup}`;
  const { apiId, route } =
    kind === 'REST'
      ? await createRestApi(clients, {
          apiName,
          stage,
          functionArn,
          region,
          accessLogArn,
          loggingLevel: failure.loggingLevel,
        })
      : await createHttpApi(clients, { apiName, stage, functionArn, accessLogArn });
  // The missing-invoke-permission scenario is exactly this statement left out.
  if (failure.invokePermission) await allowApiToInvoke(clients, { functionName, region, accountId, apiId });

  const { executionLogGroup, lambdaLogGroup, requestIds } = await seedFailureLogs(clients, {
    failure,
    kind,
    apiId,
    stage,
    route,
    functionName,
    functionArn,
    accessLogGroup,
    timeline,
  });
  await seedFailureMetrics(clients, { failure, kind, apiId, apiName, stage, functionName, timeline });

  const window = incidentWindow(stateChangeTime, { periodSeconds: 60, evaluationPeriods: 3 });
  return {
    scenario,
    kind,
    region,
    accountId,
    apiId,
    apiName,
    stage,
    route,
    functionName,
    functionArn,
    ...(executionLogGroup === undefined ? {} : { executionLogGroup }),
    accessLogGroup,
    lambdaLogGroup,
    stateChangeTime,
    window,
    onset: new Date(timeline.onsetMinute).toISOString(),
    requestIds,
    incident: alarmIncident({ kind, apiId, apiName, stage, region, accountId, stateChangeTime, window }),
  };
}
