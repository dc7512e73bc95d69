/**
 * The broken-API stories the sandbox can seed: for each scenario, how its backend function is
 * configured and what a failing request leaves behind (execution, access and function log lines,
 * latencies, Lambda metrics). Only data lives here; the seed-* files turn it into emulator state.
 */
import { FAILURES_PER_MINUTE, REQUESTS_PER_MINUTE } from './scenario-traffic';

export const SCENARIOS = [
  'integration-timeout',
  'lambda-timeout',
  'malformed-proxy-response',
  'throttled-function',
  'missing-invoke-permission',
  'http-api-function-error',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Only the HTTP API scenario runs on API Gateway v2; the others fail behind a REST API. */
export function apiKindOf(scenario: ScenarioName): 'REST' | 'HTTP' {
  return scenario === 'http-api-function-error' ? 'HTTP' : 'REST';
}

export interface ScenarioFailure {
  /** Function configuration. */
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly reservedConcurrency?: number;
  readonly invokePermission: boolean;
  readonly loggingLevel: 'ERROR' | 'INFO';
  /** Lines of one failing request, without the "(request-id) " prefix. */
  readonly executionLines: (lambdaRequestId: string) => string[];
  /** Access log fields of one failing request. */
  readonly access: { status: string; responseType: string; integrationError: string; integrationStatus: string };
  /** The function's own lines for one failing request (none when it never ran). */
  readonly lambdaLines: (lambdaRequestId: string, at: Date) => string[];
  readonly integrationLatencyMs: number;
  readonly latencyMs: number;
  readonly lambda: { errors: number; throttles: number; durationMs: number; concurrency: number; invocations: number };
}

export const SCENARIO_FAILURES: Record<ScenarioName, ScenarioFailure> = {
  'integration-timeout': {
    timeoutSeconds: 60,
    memoryMb: 512,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: () => ['Execution failed due to a timeout error', 'Method completed with status: 504'],
    access: { status: '504', responseType: 'INTEGRATION_TIMEOUT', integrationError: '-', integrationStatus: '-' },
    lambdaLines: (id) => [
      `START RequestId: ${id} Version: $LATEST`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 34512.07 ms\tBilled Duration: 34513 ms\tMemory Size: 512 MB\tMax Memory Used: 141 MB`,
    ],
    integrationLatencyMs: 29_001,
    latencyMs: 29_038,
    lambda: { errors: 0, throttles: 0, durationMs: 34_512, concurrency: 9, invocations: REQUESTS_PER_MINUTE },
  },
  'lambda-timeout': {
    timeoutSeconds: 3,
    memoryMb: 128,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: (id) => [
      `Lambda execution failed with status 200 due to customer function error: Task timed out after 3.00 seconds. Lambda request id: ${id}`,
      'Method completed with status: 502',
    ],
    access: { status: '502', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '200' },
    lambdaLines: (id, at) => [
      `START RequestId: ${id} Version: $LATEST`,
      `${at.toISOString()} ${id} Task timed out after 3.00 seconds`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 88 MB\tStatus: timeout`,
    ],
    integrationLatencyMs: 3_021,
    latencyMs: 3_040,
    lambda: {
      errors: FAILURES_PER_MINUTE,
      throttles: 0,
      durationMs: 3_000,
      concurrency: 6,
      invocations: REQUESTS_PER_MINUTE,
    },
  },
  'malformed-proxy-response': {
    timeoutSeconds: 10,
    memoryMb: 256,
    invokePermission: true,
    loggingLevel: 'INFO',
    executionLines: () => [
      'Endpoint response body before transformations: {"status":"ok","items":[]}',
      'Execution failed due to configuration error: Malformed Lambda proxy response',
      'Method completed with status: 502',
    ],
    access: { status: '502', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '200' },
    lambdaLines: (id) => [
      `START RequestId: ${id} Version: $LATEST`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 41.52 ms\tBilled Duration: 42 ms\tMemory Size: 256 MB\tMax Memory Used: 77 MB`,
    ],
    integrationLatencyMs: 48,
    latencyMs: 61,
    lambda: { errors: 0, throttles: 0, durationMs: 52, concurrency: 2, invocations: REQUESTS_PER_MINUTE },
  },
  'throttled-function': {
    timeoutSeconds: 10,
    memoryMb: 256,
    reservedConcurrency: 2,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: (id) => [
      `Lambda invocation failed with status: 429. Lambda request id: ${id}`,
      'Execution failed due to configuration error: Rate Exceeded.',
      'Method completed with status: 500',
    ],
    access: { status: '500', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '429' },
    lambdaLines: () => [],
    integrationLatencyMs: 15,
    latencyMs: 22,
    lambda: {
      errors: 0,
      throttles: FAILURES_PER_MINUTE,
      durationMs: 950,
      concurrency: 2,
      invocations: REQUESTS_PER_MINUTE - FAILURES_PER_MINUTE,
    },
  },
  'missing-invoke-permission': {
    timeoutSeconds: 10,
    memoryMb: 256,
    invokePermission: false,
    loggingLevel: 'ERROR',
    executionLines: () => [
      'Execution failed due to configuration error: Invalid permissions on Lambda function',
      'Method completed with status: 500',
    ],
    access: { status: '500', responseType: 'INTEGRATION_FAILURE', integrationError: '-', integrationStatus: '-' },
    lambdaLines: () => [],
    integrationLatencyMs: 9,
    latencyMs: 14,
    lambda: { errors: 0, throttles: 0, durationMs: 0, concurrency: 0, invocations: 0 },
  },
  'http-api-function-error': {
    timeoutSeconds: 10,
    memoryMb: 256,
    invokePermission: true,
    loggingLevel: 'ERROR',
    executionLines: () => [],
    access: {
      status: '500',
      responseType: '-',
      integrationError: 'The Lambda function returned the following error: Runtime.ImportModuleError',
      integrationStatus: '200',
    },
    lambdaLines: (id, at) => [
      `${at.toISOString()}\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"Error: Cannot find module 'orders-db'\\nRequire stack:\\n- /var/task/index.js","stack":["Runtime.ImportModuleError: Error: Cannot find module 'orders-db'"]}`,
      `INIT_REPORT Init Duration: 212.33 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError`,
      `START RequestId: ${id} Version: $LATEST`,
      `END RequestId: ${id}`,
      `REPORT RequestId: ${id}\tDuration: 238.10 ms\tBilled Duration: 239 ms\tMemory Size: 256 MB\tMax Memory Used: 54 MB\tStatus: error\tError Type: Runtime.ImportModuleError`,
    ],
    integrationLatencyMs: 251,
    latencyMs: 262,
    lambda: {
      errors: FAILURES_PER_MINUTE,
      throttles: 0,
      durationMs: 238,
      concurrency: 3,
      invocations: REQUESTS_PER_MINUTE,
    },
  },
};
