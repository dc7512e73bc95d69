/**
 * Least privilege per API at run time, on the emulator: two watched APIs, each listing its own
 * backend and access-log group; API A also has a route whose integration points at API B's listed
 * function (the IAM role may read it, since it grants every API's lists). A's diagnosis must not
 * read B's function or logs, and must say so; without the scope the same run does read them, so
 * the setup really points at B.
 */
import {
  CreateResourceCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { readScopeOf, watchedApiOf } from '../../../functions/diagnosis/api-read-scope';
import { runDiagnosis } from '../../../functions/diagnosis/engine';
import { CallRecorder } from '../../../functions/diagnosis/recording';
import type { RecordedCall } from '../../../functions/diagnosis/recording';
import type { WatchedApiRuntime } from '../../../functions/runtime-config';
import type { Diagnosis } from '../../../functions/types';
import { requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import { seedClients, seedScenario } from '../../../scripts/sandbox/seed';
import type { SeededScenario } from '../../../scripts/sandbox/seed';
import { sandboxClients } from './helpers';

jest.setTimeout(90_000);

let a: SeededScenario;
let b: SeededScenario;
/** An API whose stage writes its access logs into B's group. */
let c: SeededScenario;

/**
 * A second route on A, GET /stolen, proxied to B's function. Not redeployed: the probes read the
 * API's resources, and moto's CreateDeployment onto an existing stage drops the stage's access-log
 * settings (seen with moto 5.2.5).
 */
async function pointRouteAt(api: SeededScenario, functionArn: string): Promise<void> {
  const { apiGateway } = seedClients(requireSandboxEndpoint());
  const resources = await apiGateway.send(new GetResourcesCommand({ restApiId: api.apiId }));
  const rootId = resources.items?.find((r) => r.path === '/')?.id ?? '';
  const stolen = await apiGateway.send(
    new CreateResourceCommand({ restApiId: api.apiId, parentId: rootId, pathPart: 'stolen' }),
  );
  const method = { restApiId: api.apiId, resourceId: stolen.id ?? '', httpMethod: 'GET' };
  await apiGateway.send(new PutMethodCommand({ ...method, authorizationType: 'NONE' }));
  await apiGateway.send(
    new PutIntegrationCommand({
      ...method,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:${api.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
    }),
  );
}

const listed = (s: SeededScenario): WatchedApiRuntime => ({
  kind: s.kind,
  id: s.apiId,
  name: s.apiName,
  stages: [s.stage],
  backendFunctions: [s.functionName],
  accessLogGroups: [s.accessLogGroup],
});

async function diagnose(
  api: SeededScenario,
  scoped: boolean,
): Promise<{ diagnosis: Diagnosis; calls: readonly RecordedCall[] }> {
  const recorder = new CallRecorder();
  const watched = [listed(a), listed(b), listed(c)];
  const diagnosis = await runDiagnosis(api.incident, {
    deadline: Date.now() + 30_000,
    clients: sandboxClients({ plugins: [recorder.plugin()] }),
    ...(scoped ? { readScope: readScopeOf(api.incident.api, watchedApiOf(watched, api.incident.api)) } : {}),
  });
  return { diagnosis, calls: recorder.calls };
}

/** The function and log group names the recorded calls asked for, by operation. */
function targets(calls: readonly RecordedCall[], operation: string): string[] {
  return calls
    .filter((c) => c.operation === operation)
    .map((c) => {
      const input = c.input as { FunctionName?: string; logGroupName?: string };
      return input.FunctionName ?? input.logGroupName ?? '?';
    });
}

/** Function names in GetMetricData's AWS/Lambda queries. */
function metricFunctions(calls: readonly RecordedCall[]): string[] {
  const text = JSON.stringify(calls.filter((c) => c.operation === 'CloudWatch.GetMetricData').map((c) => c.input));
  return [...text.matchAll(/"Name":"FunctionName","Value":"([^"]+)"/g)].map((m) => m[1] ?? '');
}

beforeAll(async () => {
  const endpoint = requireSandboxEndpoint();
  b = await seedScenario(endpoint, 'lambda-timeout');
  a = await seedScenario(endpoint, 'integration-timeout');
  await pointRouteAt(a, b.functionArn);
  c = await seedScenario(endpoint, 'integration-timeout');
  await seedClients(endpoint).apiGateway.send(
    new UpdateStageCommand({
      restApiId: c.apiId,
      stageName: c.stage,
      patchOperations: [
        {
          op: 'replace',
          path: '/accessLogSettings/destinationArn',
          value: `arn:aws:logs:${c.region}:${c.accountId}:log-group:${b.accessLogGroup}`,
        },
      ],
    }),
  );
});

describe("an API whose integration points at another API's listed function", () => {
  it("without a scope the probes do read B's function and logs (the setup points at B)", async () => {
    const { calls } = await diagnose(a, false);
    expect(targets(calls, 'Lambda.GetFunctionConfiguration')).toEqual(
      expect.arrayContaining([a.functionName, b.functionName]),
    );
    expect(targets(calls, 'CloudWatchLogs.FilterLogEvents')).toContain(b.lambdaLogGroup);
  });

  it("with A's scope: no call names B's function or log groups, A's own are read, and the finding says why", async () => {
    const { diagnosis, calls } = await diagnose(a, true);
    for (const operation of [
      'Lambda.GetFunctionConfiguration',
      'Lambda.GetFunctionConcurrency',
      'Lambda.GetPolicy',
      'CloudWatchLogs.FilterLogEvents',
    ]) {
      const names = targets(calls, operation);
      expect({ operation, names }).toEqual({
        operation,
        names: expect.not.arrayContaining([b.functionName, b.lambdaLogGroup, b.accessLogGroup]),
      });
    }
    expect(metricFunctions(calls)).not.toContain(b.functionName);
    expect(JSON.stringify(calls.map((c) => c.input))).not.toContain(b.functionName);
    // A's own function and logs are still diagnosed.
    expect(targets(calls, 'Lambda.GetFunctionConfiguration')).toContain(a.functionName);
    expect(targets(calls, 'CloudWatchLogs.FilterLogEvents')).toEqual(
      expect.arrayContaining([a.lambdaLogGroup, a.accessLogGroup]),
    );
    const notListed = diagnosis.findings.filter((f) => f.summary.startsWith('not checked:'));
    expect(notListed).toEqual([
      {
        type: 'could-not-check',
        probe: 'lambda-backend',
        what: `function ${b.functionName}`,
        why: `${b.functionName} is not listed for REST API ${a.apiName}`,
        fix: `add it to backendFunctions or run \`npx apigw-responder discover --api ${a.apiName}\``,
        summary: `not checked: ${b.functionName} is not listed for REST API ${a.apiName} (add it to backendFunctions or run \`npx apigw-responder discover --api ${a.apiName}\`)`,
      },
    ]);
    // The integration itself is still reported (the API's own configuration names it).
    expect(JSON.stringify(diagnosis.findings.filter((f) => f.probe === 'api-config'))).toContain(b.functionName);
  });
});

describe("a stage that logs into another API's access-log group", () => {
  it('is not read under its own scope; the finding names the group', async () => {
    const unscoped = await diagnose(c, false);
    expect(targets(unscoped.calls, 'CloudWatchLogs.FilterLogEvents')).toContain(b.accessLogGroup);

    const { diagnosis, calls } = await diagnose(c, true);
    expect(targets(calls, 'CloudWatchLogs.FilterLogEvents')).not.toContain(b.accessLogGroup);
    expect(targets(calls, 'CloudWatchLogs.FilterLogEvents')).toContain(c.lambdaLogGroup);
    expect(diagnosis.findings.filter((f) => f.summary.startsWith('not checked:')).map((f) => f.summary)).toEqual([
      `not checked: ${b.accessLogGroup} is not listed for REST API ${c.apiName} (add it to accessLogGroups or run \`npx apigw-responder discover --api ${c.apiName}\`)`,
    ]);
  });
});
