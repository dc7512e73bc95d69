/**
 * Every probe against the emulator on seeded broken APIs, asserting the exact findings. The
 * emulator's gaps (no CloudTrail, no X-Ray, no Lambda account settings, no HTTP API authorizer
 * and deployment lists) must show as "could not check", never as a crash.
 */
import { runDiagnosis } from '../../../functions/diagnosis/engine';
import { templateOf } from '../../../functions/logs/template';
import { permissionsOf } from '../../../functions/diagnosis/permissions';
import type { Diagnosis } from '../../../functions/types';
import { requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import { SCENARIOS, seedScenario } from '../../../scripts/sandbox/seed';
import type { ScenarioName, SeededScenario } from '../../../scripts/sandbox/seed';
import { findingsOf, ISO, sandboxClients, UUID } from './helpers';

jest.setTimeout(60_000);

interface Run {
  seeded: SeededScenario;
  diagnosis: Diagnosis;
  created: readonly string[];
}
const runs = new Map<ScenarioName, Run>();

async function diagnose(scenario: ScenarioName): Promise<Run> {
  const seeded = await seedScenario(requireSandboxEndpoint(), scenario);
  const clients = sandboxClients();
  const diagnosis = await runDiagnosis(seeded.incident, { deadline: Date.now() + 30_000, clients });
  return { seeded, diagnosis, created: clients.created() };
}

beforeAll(async () => {
  for (const scenario of SCENARIOS) {
    runs.set(scenario, await diagnose(scenario));
  }
});

function run(scenario: ScenarioName): Run {
  const r = runs.get(scenario);
  if (r === undefined) throw new Error(`no run for ${scenario}`);
  return r;
}

const MINUTES = 16;

describe('the diagnosed incident', () => {
  it("carries the REST API id the probes resolved from the alarm's ApiName", () => {
    const { diagnosis, seeded } = run('integration-timeout');
    expect(seeded.incident.api).toEqual({ kind: 'REST', name: seeded.apiName, stage: seeded.stage });
    expect(diagnosis.incident).toEqual({
      ...seeded.incident,
      api: { kind: 'REST', id: seeded.apiId, name: seeded.apiName, stage: seeded.stage },
    });
  });
});

describe('REST integration-timeout', () => {
  it('metrics: one GetMetricData, totals and rate from raw sums, onset, IntegrationLatency at the timeout', () => {
    const { diagnosis, seeded } = run('integration-timeout');
    const [metrics] = findingsOf(diagnosis, 'metrics');
    expect(metrics).toEqual({
      type: 'metrics',
      probe: 'metrics',
      summary: expect.stringContaining('72 5XX of 560 requests (12.86%)'),
      timestamps: expect.any(Array),
      errors5xx: expect.any(Array),
      errors4xx: expect.any(Array),
      requests: expect.any(Array),
      total5xx: 72,
      total4xx: 14,
      totalRequests: 560,
      errorRatePct: 12.86,
      onset: seeded.onset,
      latencyMaxMs: 29_038,
      integrationLatencyMaxMs: 29_001,
      integrationTimeoutMs: 29_000,
    });
    if (metrics?.type !== 'metrics') throw new Error('no metrics');
    expect(metrics.timestamps).toHaveLength(MINUTES);
    expect(metrics.errors5xx.filter((v) => v > 0)).toEqual([12, 12, 12, 12, 12, 12]);
    expect(metrics.summary).toContain(
      'IntegrationLatency max 29001 ms vs timeout 29000 ms (at the integration timeout)',
    );
    expect(
      diagnosis.probes.find((p) => p.probe === 'metrics')?.awsCalls.filter((c) => c === 'CloudWatch.GetMetricData'),
    ).toHaveLength(1);
  });

  it('execution-logs: error lines grouped by template with counts, a redacted example and request ids', () => {
    const { diagnosis, seeded } = run('integration-timeout');
    expect(findingsOf(diagnosis, 'execution-logs')).toEqual([
      {
        type: 'log-template',
        probe: 'execution-logs',
        source: 'execution-log',
        template: templateOf('Execution failed due to a timeout error'),
        count: 30,
        example: expect.stringMatching(/^\([0-9a-f-]{36}\) Execution failed due to a timeout error$/),
        requestIds: seeded.requestIds.slice(0, 5),
        summary: expect.stringContaining('30 × execution-log: ('),
      },
      {
        type: 'log-template',
        probe: 'execution-logs',
        source: 'execution-log',
        template: templateOf('Method completed with status: 504'),
        count: 30,
        example: expect.stringMatching(/Method completed with status: 504$/),
        requestIds: seeded.requestIds.slice(0, 5),
        summary: expect.any(String),
      },
    ]);
  });

  it('access-logs: failing requests grouped with status, response type and route', () => {
    const { diagnosis, seeded } = run('integration-timeout');
    expect(findingsOf(diagnosis, 'access-logs')).toEqual([
      {
        type: 'log-template',
        probe: 'access-logs',
        source: 'access-log',
        template: expect.any(String),
        count: 30,
        example: expect.stringContaining('"status":"504"'),
        requestIds: seeded.requestIds.slice(0, 5),
        fields: { status: '504', responseType: 'INTEGRATION_TIMEOUT', route: 'GET /orders' },
        summary:
          '30 × access log status 504 on GET /orders: INTEGRATION_TIMEOUT — of 46 requests logged (200 × 16, 504 × 30); top failing routes: GET /orders (30)',
      },
    ]);
  });

  it('api-config: stage settings and the Lambda proxy integration with its 29 s timeout', () => {
    const { diagnosis, seeded } = run('integration-timeout');
    expect(findingsOf(diagnosis, 'api-config')).toEqual([
      {
        type: 'stage',
        probe: 'api-config',
        summary: expect.stringContaining('execution logging ERROR'),
        executionLogging: 'ERROR',
        accessLogGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${seeded.accessLogGroup}`,
        accessLogFormat: expect.stringContaining('$context.integration.error'),
        tracingEnabled: true,
        throttleRateLimit: 500,
        throttleBurstLimit: 1000,
        deploymentId: expect.any(String),
      },
      {
        type: 'integration',
        probe: 'api-config',
        summary: `GET /orders → AWS_PROXY Lambda ${seeded.functionName}, timeout 29000 ms`,
        route: 'GET /orders',
        integrationType: 'AWS_PROXY',
        uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${seeded.functionArn}/invocations`,
        timeoutMs: 29_000,
        lambdaFunction: seeded.functionName,
      },
    ]);
  });

  it('lambda-backend: configuration, metrics, invoke permission; nothing wrong in its own logs', () => {
    const { diagnosis, seeded } = run('integration-timeout');
    expect(findingsOf(diagnosis, 'lambda-backend')).toEqual([
      {
        type: 'lambda',
        probe: 'lambda-backend',
        summary: expect.stringContaining('Duration max 34512 ms'),
        functionName: seeded.functionName,
        role: 'integration',
        state: 'Active',
        lastUpdateStatus: 'Successful',
        lastModified: expect.any(String),
        runtime: 'nodejs20.x',
        timeoutSeconds: 60,
        memoryMb: 512,
        inVpc: false,
        invocations: 560,
        errors: 0,
        throttles: 0,
        durationMaxMs: 34_512,
        concurrentExecutionsMax: 9,
        timedOutCount: 0,
        outOfMemoryCount: 0,
        initErrorCount: 0,
        errorTypes: [],
        apiGatewayInvokeAllowed: true,
      },
    ]);
  });

  it('changes, throttling, traces: what the emulator has, "could not check" for what it lacks', () => {
    const { diagnosis, seeded } = run('integration-timeout');
    const changes = findingsOf(diagnosis, 'changes');
    expect(changes).toHaveLength(3);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'change',
          what: 'deployment',
          resource: expect.stringMatching(new RegExp(`^${seeded.apiId}/`)),
          at: ISO,
        }),
        expect.objectContaining({ type: 'change', what: 'function-update', resource: seeded.functionName, at: ISO }),
        {
          type: 'could-not-check',
          probe: 'changes',
          what: 'CloudTrail write events',
          why: 'API not available here (HTTP 500 with a non-AWS response)',
          summary: 'could not check CloudTrail write events: API not available here (HTTP 500 with a non-AWS response)',
        },
      ]),
    );
    expect(findingsOf(diagnosis, 'throttling')).toEqual([
      {
        type: 'throttle-limit',
        probe: 'throttling',
        scope: 'stage',
        rateLimit: 500,
        burstLimit: 1000,
        name: 'prod',
        summary: 'stage prod throttle: 500 rps, burst 1000',
      },
      {
        type: 'throttle-limit',
        probe: 'throttling',
        scope: 'account',
        rateLimit: 10_000,
        burstLimit: 5000,
        summary: 'account API Gateway throttle (region): 10000 rps, burst 5000',
      },
      expect.objectContaining({ type: 'could-not-check', what: 'the Lambda account concurrency' }),
    ]);
    expect(findingsOf(diagnosis, 'traces')).toEqual([
      expect.objectContaining({
        type: 'could-not-check',
        what: 'X-Ray traces',
        why: 'InternalFailure: Not implemented yet - moto',
      }),
    ]);
    expect(findingsOf(diagnosis, 'http-backend')).toEqual([]);
  });

  it('never constructs the apigatewayv2 client for a REST incident', () => {
    expect(run('integration-timeout').created).not.toContain('apiGatewayV2');
  });
});

describe('REST lambda-timeout', () => {
  it('finds "Task timed out" in the function log, once per request, and Duration at the function timeout', () => {
    const { diagnosis, seeded } = run('lambda-timeout');
    const [lambda, ...logs] = findingsOf(diagnosis, 'lambda-backend');
    expect(lambda).toEqual(
      expect.objectContaining({
        timeoutSeconds: 3,
        durationMaxMs: 3000,
        errors: 72,
        timedOutCount: 30,
        errorTypes: [],
      }),
    );
    expect(logs).toEqual([
      expect.objectContaining({
        type: 'log-template',
        source: 'lambda-log',
        functionName: seeded.functionName,
        template: templateOf(
          '2024-05-01T10:00:00.000Z 0e5bb4ce-3d64-4441-8ea4-ea8996c60265 Task timed out after 3.00 seconds',
        ),
        count: 30,
        requestIds: expect.arrayContaining([UUID]),
      }),
      expect.objectContaining({
        type: 'log-template',
        source: 'lambda-log',
        count: 30,
        template: expect.stringMatching(/^REPORT .*Status: timeout$/),
      }),
    ]);
    expect(findingsOf(diagnosis, 'execution-logs').map((f) => f.type === 'log-template' && f.template)).toEqual([
      templateOf(
        'Lambda execution failed with status 200 due to customer function error: Task timed out after 3.00 seconds. Lambda request id: 0e5bb4ce-3d64-4441-8ea4-ea8996c60265',
      ),
      templateOf('Method completed with status: 502'),
    ]);
  });
});

describe('REST malformed-proxy-response', () => {
  it('keeps the backend answer of failing requests next to the error line', () => {
    const { diagnosis } = run('malformed-proxy-response');
    expect(
      findingsOf(diagnosis, 'execution-logs').map((f) => f.type === 'log-template' && [f.template, f.count]),
    ).toEqual([
      [templateOf('Endpoint response body before transformations: {"status":"ok","items":[]}'), 30],
      [templateOf('Execution failed due to configuration error: Malformed Lambda proxy response'), 30],
      [templateOf('Method completed with status: 502'), 30],
    ]);
    expect(findingsOf(diagnosis, 'api-config')[0]).toEqual(
      expect.objectContaining({ type: 'stage', executionLogging: 'INFO' }),
    );
  });
});

describe('REST throttled-function', () => {
  it('reports the 429 lines, Lambda throttles and the reserved concurrency limit', () => {
    const { diagnosis, seeded } = run('throttled-function');
    expect(findingsOf(diagnosis, 'execution-logs').map((f) => f.type === 'log-template' && f.template)).toEqual([
      templateOf('Lambda invocation failed with status: 429. Lambda request id: 0e5bb4ce-3d64-4441-8ea4-ea8996c60265'),
      templateOf('Execution failed due to configuration error: Rate Exceeded.'),
      templateOf('Method completed with status: 500'),
    ]);
    expect(findingsOf(diagnosis, 'lambda-backend')[0]).toEqual(
      expect.objectContaining({ reservedConcurrency: 2, throttles: 72, concurrentExecutionsMax: 2 }),
    );
    expect(findingsOf(diagnosis, 'throttling')).toContainEqual({
      type: 'throttle-limit',
      probe: 'throttling',
      scope: 'lambda-reserved',
      concurrencyLimit: 2,
      name: seeded.functionName,
      summary: `function ${seeded.functionName} reserved concurrency 2`,
    });
  });
});

describe('REST missing-invoke-permission', () => {
  it('finds the permission error and that API Gateway may not invoke the function', () => {
    const { diagnosis, seeded } = run('missing-invoke-permission');
    expect(findingsOf(diagnosis, 'execution-logs').map((f) => f.type === 'log-template' && f.template)).toEqual([
      templateOf('Execution failed due to configuration error: Invalid permissions on Lambda function'),
      templateOf('Method completed with status: 500'),
    ]);
    expect(findingsOf(diagnosis, 'lambda-backend')).toEqual([
      expect.objectContaining({ type: 'lambda', apiGatewayInvokeAllowed: false }),
      {
        type: 'could-not-check',
        probe: 'lambda-backend',
        what: `the logs of ${seeded.functionName}`,
        why: `log group /aws/lambda/${seeded.functionName} does not exist (the function never ran or logs elsewhere)`,
        summary: expect.any(String),
      },
    ]);
  });
});

describe('HTTP API http-api-function-error', () => {
  it('reads the access log, the function init error and metrics by ApiId; no execution logs or X-Ray', () => {
    const { diagnosis, seeded, created } = run('http-api-function-error');
    expect(diagnosis.probes.filter((p) => p.status === 'skipped').map((p) => p.probe)).toEqual([
      'execution-logs',
      'traces',
    ]);
    expect(findingsOf(diagnosis, 'metrics')[0]).toEqual(
      expect.objectContaining({
        total5xx: 72,
        totalRequests: 560,
        integrationLatencyMaxMs: 251,
        integrationTimeoutMs: 30_000,
      }),
    );
    expect(findingsOf(diagnosis, 'access-logs')).toEqual([
      expect.objectContaining({
        count: 30,
        fields: {
          status: '500',
          integrationError: 'The Lambda function returned the following error: Runtime.ImportModuleError',
          integrationStatus: '200',
          route: 'GET /orders',
        },
      }),
    ]);
    expect(findingsOf(diagnosis, 'api-config')).toEqual([
      expect.objectContaining({ type: 'stage', executionLogging: 'UNSUPPORTED', tracingEnabled: false }),
      expect.objectContaining({
        type: 'integration',
        route: 'GET /orders',
        integrationType: 'AWS_PROXY',
        uri: seeded.functionArn,
        timeoutMs: 30_000,
      }),
      expect.objectContaining({ type: 'could-not-check', what: 'authorizers' }),
    ]);
    expect(findingsOf(diagnosis, 'lambda-backend')[0]).toEqual(
      expect.objectContaining({ initErrorCount: 30, errorTypes: ['Runtime.ImportModuleError'], errors: 72 }),
    );
    expect(created).toContain('apiGatewayV2');
  });
});

describe('permissions', () => {
  it('every AWS operation a probe made is covered by its declaration', () => {
    const undeclared: string[] = [];
    for (const { diagnosis } of runs.values()) {
      for (const p of diagnosis.probes) {
        const declared = new Set(permissionsOf(p.probe).operations);
        for (const call of p.awsCalls) if (!declared.has(call)) undeclared.push(`${p.probe}: ${call}`);
      }
    }
    expect(undeclared).toEqual([]);
    const made = new Set([...runs.values()].flatMap((r) => r.diagnosis.probes.flatMap((p) => p.awsCalls)));
    expect(made.size).toBeGreaterThan(15);
  });
});
