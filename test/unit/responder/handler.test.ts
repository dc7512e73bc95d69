import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';
import type * as Handler from '../../../functions/responder/handler';
import { RUNTIME_CONFIG } from '../../support/runtime-config';
import { lambdaContext } from '../../../scripts/sandbox/sns-lambda-adapter';
import { alarmMessage, snsLambdaEvent } from '../events/fixtures';

const CONFIG = RUNTIME_CONFIG;

function captureStdout(): { lines: () => string[]; restore: () => void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  return { lines: () => chunks.join('').split('\n').filter(Boolean), restore: () => spy.mockRestore() };
}

/**
 * Runs the handler on `event` under CONFIG, the logger's warnings silenced and spied on (restored
 * after each test) and stdout captured: the reports, the spy and the EMF entries written.
 */
async function invokeCapturing(
  handler: typeof Handler,
  event: unknown,
  requestId: string,
): Promise<{ reports: unknown; warn: jest.SpyInstance; emf: Record<string, unknown>[] }> {
  process.env['RESPONDER_CONFIG'] = JSON.stringify(CONFIG);
  await handler.resetRuntime();
  const warn = jest.spyOn(handler.logger, 'warn').mockImplementation(() => undefined);
  const out = captureStdout();
  let reports: unknown;
  try {
    reports = await handler.handler(event, lambdaContext(60_000, requestId));
  } finally {
    out.restore();
  }
  const emf = out
    .lines()
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => '_aws' in e);
  return { reports, warn, emf };
}

afterEach(() => {
  jest.restoreAllMocks();
  delete process.env['RESPONDER_CONFIG'];
});

describe('the Lambda handler', () => {
  let handler: typeof Handler;

  beforeAll(async () => {
    process.env['AWS_REGION'] = 'eu-west-1';
    process.env['POWERTOOLS_TRACE_ENABLED'] = 'false';
    process.env['POWERTOOLS_DEV'] = 'false';
    handler = await import('../../../functions/responder/handler');
  });

  it('fails with a clear message naming the fields when RESPONDER_CONFIG is invalid', async () => {
    process.env['RESPONDER_CONFIG'] = JSON.stringify({ ...CONFIG, tableName: '', groupingWindowMinutes: 'thirty' });
    const error = jest.spyOn(handler.logger, 'error').mockImplementation(() => undefined);

    await expect(handler.resetRuntime()).rejects.toThrow(
      'RESPONDER_CONFIG is invalid: tableName: too small (minimum 1); groupingWindowMinutes: expected number, got string',
    );

    expect(error).toHaveBeenCalledWith('responder configuration failed', {
      error: expect.stringContaining('RESPONDER_CONFIG is invalid'),
    });
    error.mockRestore();
  });

  it('fails with a clear message when RESPONDER_CONFIG is missing', async () => {
    const error = jest.spyOn(handler.logger, 'error').mockImplementation(() => undefined);
    await expect(handler.resetRuntime()).rejects.toThrow('RESPONDER_CONFIG is not set');
    error.mockRestore();
  });

  it('acknowledges a malformed event: a log entry with the reason, the MalformedEvents metric (service dimension only), no AWS call', async () => {
    const { reports, warn, emf } = await invokeCapturing(
      handler,
      { Records: [{ eventSource: 'aws:s3', s3: {} }] },
      'req-1',
    );

    expect(reports).toEqual([{ outcome: 'rejected', reason: 'UNKNOWN_SHAPE' }]);
    expect(warn).toHaveBeenCalledWith(
      'event rejected: not an API Gateway alarm notification the responder can act on',
      {
        reason: 'UNKNOWN_SHAPE',
        detail: 'record 0 is not an SNS or SQS record (event source aws:s3)',
        eventSource: 'aws:s3',
      },
    );
    const malformed = emf.find((e) => 'MalformedEvents' in e);
    expect(malformed).toEqual(
      expect.objectContaining({
        MalformedEvents: 1,
        service: 'apigw-responder',
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: 'ApiGatewayResponder', Dimensions: [['service']] })],
        }),
      }),
    );
    expect(emf.find((e) => 'RejectedEvents' in e)).toEqual(expect.objectContaining({ reason: 'UNKNOWN_SHAPE' }));
  });
});

describe('the trust boundary, wired', () => {
  let handler: typeof Handler;

  beforeAll(async () => {
    handler = await import('../../../functions/responder/handler');
  });

  it('refuses a notification of an unwatched API before any AWS call: UntrustedEvents and the reason', async () => {
    const message = alarmMessage({ api: 'billing-api', time: new Date().toISOString() });
    const { reports, emf } = await invokeCapturing(handler, snsLambdaEvent(message), 'req-2');

    expect(reports).toEqual([expect.objectContaining({ outcome: 'rejected', reason: 'UNWATCHED_API' })]);
    expect(emf.find((e) => 'UntrustedEvents' in e)).toEqual(expect.objectContaining({ service: 'apigw-responder' }));
    expect(emf.find((e) => 'RejectedEvents' in e)).toEqual(expect.objectContaining({ reason: 'UNWATCHED_API' }));
  });
});

describe('module initialisation', () => {
  /** Modules the handler loads before its first invocation: the static import graph from the entry. */
  async function staticGraph(): Promise<string[]> {
    const result = await build({
      entryPoints: [resolve(__dirname, '../../../functions/responder/handler.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs: Metafile['inputs'] = result.metafile.inputs;
    const entry = Object.keys(inputs).find((p) => p.endsWith('functions/responder/handler.ts'))!;
    const seen = new Set<string>([entry]);
    const queue = [entry];
    while (queue.length > 0) {
      for (const imported of inputs[queue.pop()!]?.imports ?? []) {
        if (imported.kind === 'dynamic-import' || imported.external || seen.has(imported.path)) continue;
        seen.add(imported.path);
        queue.push(imported.path);
      }
    }
    return [...seen];
  }

  it('loads only middy and Powertools: the parser, zod, the AWS SDK clients, the diagnosis and the notifiers wait for the first event', async () => {
    const graph = await staticGraph();

    expect(graph.filter((p) => /node_modules\/(zod|@aws-sdk\/client-)/.test(p))).toEqual([]);
    expect(
      graph.filter((p) => /functions\/(events|incidents|diagnosis|classifier|remediation|notify)\//.test(p)),
    ).toEqual([]);
    expect(graph.some((p) => p.includes('node_modules/@aws-lambda-powertools/logger'))).toBe(true);
  });
});
