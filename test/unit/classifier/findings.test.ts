import { classifyFindings, classifyLogLines } from '../../../functions/classifier/classify';
import { groupLogLines } from '../../../functions/logs/group';
import type {
  ChangeFinding,
  CouldNotCheckFinding,
  Finding,
  LambdaFinding,
  MetricsFinding,
  StageFinding,
  ThrottleLimitFinding,
} from '../../../functions/types';

function metrics(over: Partial<MetricsFinding> = {}): MetricsFinding {
  return {
    type: 'metrics',
    probe: 'metrics',
    summary: '5XX errors over the window',
    timestamps: ['2024-01-01T00:00:00Z'],
    errors5xx: [12],
    errors4xx: [0],
    requests: [100],
    total5xx: 12,
    total4xx: 0,
    totalRequests: 100,
    errorRatePct: 12,
    onset: '2024-01-01T00:00:00Z',
    latencyMaxMs: 29_050,
    integrationLatencyMaxMs: 1_200,
    integrationTimeoutMs: 29_000,
    ...over,
  };
}

function lambda(over: Partial<LambdaFinding> = {}): LambdaFinding {
  return {
    type: 'lambda',
    probe: 'lambda-backend',
    summary: 'orders-api',
    functionName: 'orders-api',
    role: 'integration',
    ...over,
  };
}

const stageOff: StageFinding = {
  type: 'stage',
  probe: 'api-config',
  summary: 'stage prod',
  executionLogging: 'OFF',
  tracingEnabled: false,
};

const couldNotCheck: CouldNotCheckFinding = {
  type: 'could-not-check',
  probe: 'execution-logs',
  summary: 'could not read execution logs',
  what: 'execution logs',
  why: 'AccessDeniedException: not authorized to perform logs:FilterLogEvents',
};

const change: ChangeFinding = {
  type: 'change',
  probe: 'changes',
  summary: 'function updated',
  at: '2024-01-01T00:00:00Z',
  what: 'function-update',
  resource: 'orders-api',
  actor: 'deployer',
};

describe('classifyFindings: metrics and configuration', () => {
  it('IntegrationLatency max at the integration timeout alone points to INTEGRATION_TIMEOUT', () => {
    const result = classifyFindings([metrics({ integrationLatencyMaxMs: 29_000 })]);

    expect(result.class).toBe('INTEGRATION_TIMEOUT');
    expect(result.evidence[0]).toEqual({
      rule: 'integration-timeout.latency-at-limit',
      source: 'metrics',
      text: 'IntegrationLatency max 29000 ms reached the integration timeout (29000 ms)',
    });
  });

  it('IntegrationLatency at the limit raises the confidence of a logged timeout', () => {
    const logs = groupLogLines(['Endpoint request timed out']);

    const without = classifyFindings([...logs, metrics()]);
    const withLatency = classifyFindings([...logs, metrics({ integrationLatencyMaxMs: 28_990 })]);

    // The raw score grows; the calibrated confidence is a step function of it, so it may not.
    expect(withLatency.rawConfidence).toBeGreaterThan(without.rawConfidence ?? 1);
    expect(withLatency.confidence).toBeGreaterThanOrEqual(without.confidence);
  });

  it('Lambda Throttles > 0 confirms throttling', () => {
    const logs = groupLogLines(['< HTTP/1.1 429 Too Many Requests']);

    const without = classifyFindings(logs);
    const withThrottles = classifyFindings([...logs, lambda({ throttles: 42 })]);

    expect(withThrottles.class).toBe('THROTTLING');
    expect(withThrottles.confidence).toBeGreaterThan(without.confidence);
  });

  it('reserved concurrency 0 is throttling on its own', () => {
    const result = classifyFindings([lambda({ reservedConcurrency: 0 })]);

    expect([result.class, result.hypotheses[0]?.subCause]).toEqual(['THROTTLING', 'reserved-concurrency-zero']);
  });

  it('a lambda-reserved limit of 0 says the same', () => {
    const limit: ThrottleLimitFinding = {
      type: 'throttle-limit',
      probe: 'throttling',
      summary: 'orders-api reserved concurrency 0',
      scope: 'lambda-reserved',
      concurrencyLimit: 0,
    };

    expect(classifyFindings([limit]).class).toBe('THROTTLING');
  });

  it('Duration max at the function timeout makes it LAMBDA_TIMEOUT, with the VPC sub-cause when the function is in a VPC', () => {
    const result = classifyFindings([
      ...groupLogLines(['Endpoint request timed out']),
      lambda({ timeoutSeconds: 10, durationMaxMs: 10_000, inVpc: true, timedOutCount: 5 }),
    ]);

    expect(result.hypotheses.map((h) => [h.class, h.subCause])).toEqual([
      ['LAMBDA_TIMEOUT', 'vpc-outbound'],
      ['INTEGRATION_TIMEOUT', undefined],
    ]);
  });

  it('a function still running when the gateway gave up is an INTEGRATION_TIMEOUT', () => {
    const findings: Finding[] = [
      metrics({ integrationLatencyMaxMs: 29_000 }),
      lambda({ timeoutSeconds: 120, durationMaxMs: 45_000 }),
    ];

    expect(classifyFindings(findings).hypotheses.map((h) => h.class)).toEqual(['INTEGRATION_TIMEOUT']);
  });

  it('errorTypes and out-of-memory counts name the sub-cause of a function error', () => {
    expect(
      classifyFindings([lambda({ errors: 3, errorTypes: ['Runtime.ImportModuleError'] })]).hypotheses[0]?.subCause,
    ).toBe('Runtime.ImportModuleError');
    expect(classifyFindings([lambda({ errors: 3, outOfMemoryCount: 3, memoryMb: 128 })]).hypotheses[0]?.subCause).toBe(
      'out-of-memory',
    );
  });

  it('unhealthy NLB targets make the backend unreachable', () => {
    const result = classifyFindings([
      {
        type: 'http-backend',
        probe: 'http-backend',
        summary: 'nlb',
        endpoint: 'http://nlb.internal',
        healthyTargets: 0,
        unhealthyTargets: 2,
      },
    ]);

    expect([result.class, result.hypotheses[0]?.subCause]).toEqual(['BACKEND_UNREACHABLE', 'nlb-unhealthy-targets']);
  });
});

describe('UNKNOWN says what is missing', () => {
  it('no findings at all', () => {
    const result = classifyFindings([]);
    expect(result).toMatchObject({
      class: 'UNKNOWN',
      confidence: 0,
      hypotheses: [{ class: 'UNKNOWN', confidence: 0, evidence: [] }],
      evidence: [],
      missing: [
        'no log lines or findings were given',
        'no log line, metric or configuration matched any root-cause rule',
      ],
      apiKind: { kind: 'rest', source: 'inferred' },
    });
    expect(result.explanation?.[0]?.wouldChange).toContain('no log lines or findings were given');
  });

  it('execution logging off and a probe that could not check', () => {
    const result = classifyFindings([metrics(), stageOff, couldNotCheck]);

    expect(result.class).toBe('UNKNOWN');
    expect(result.missing).toEqual(
      expect.arrayContaining([
        'execution logs: AccessDeniedException: not authorized to perform logs:FilterLogEvents',
        'execution logging is off on the stage: enable it (ERROR or INFO) to see why API Gateway failed',
      ]),
    );
  });

  it('a bare 502 lists weak candidates without concluding', () => {
    const result = classifyLogLines(['Method completed with status: 502']);

    expect(result.class).toBe('UNKNOWN');
    expect(result.missing?.some((m) => m.startsWith('signals too weak to conclude: LAMBDA_FUNCTION_ERROR'))).toBe(true);
  });
});

describe('changes', () => {
  it('are attached to the leading hypothesis as evidence, never a class', () => {
    const result = classifyFindings([...groupLogLines(['Task timed out after 3.00 seconds']), change]);

    expect(result.hypotheses.map((h) => h.class)).toEqual(['LAMBDA_TIMEOUT']);
    expect(result.evidence).toContainEqual({
      rule: 'changes.function-update',
      source: 'changes',
      text: '2024-01-01T00:00:00Z function-update orders-api by deployer',
    });
  });
});
