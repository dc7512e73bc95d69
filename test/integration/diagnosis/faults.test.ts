/**
 * Failure isolation with injected faults (denied calls, calls that hang), the deadline with an
 * injected slow probe, and record/replay with the network disabled.
 */
import { PROBE_NAMES } from '../../../functions/types';
import net from 'node:net';
import type { Pluggable } from '@smithy/types';
import { operationName } from '../../../functions/diagnosis/call-scope';
import { runDiagnosis } from '../../../functions/diagnosis/engine';
import { CallRecorder, CallReplayer, NO_NETWORK_HANDLER } from '../../../functions/diagnosis/recording';
import type { Recording } from '../../../functions/diagnosis/recording';
import { PROBES } from '../../../functions/diagnosis/registry';
import { createAwsClients } from '../../../functions/diagnosis/clients';
import type { Finding } from '../../../functions/types';
import { requireSandboxEndpoint } from '../../../scripts/sandbox/env';
import { seedScenario } from '../../../scripts/sandbox/seed';
import type { SeededScenario } from '../../../scripts/sandbox/seed';
import { findingsOf, sandboxClients } from './helpers';

jest.setTimeout(60_000);

/** Fails or stalls the listed operations before they leave the process. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function faultPlugin(faults: Record<string, 'deny' | 'hang'>): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => (args) => {
          const operation = operationName(context.clientName, context.commandName);
          const fault = faults[operation];
          if (fault === 'deny') {
            const error = new Error(
              `User: arn:aws:sts::123456789012:assumed-role/responder is not authorized to perform: ${operation}`,
            );
            error.name = 'AccessDeniedException';
            return Promise.reject(error);
          }
          if (fault === 'hang') return new Promise(() => undefined);
          return next(args);
        },
        { step: 'initialize', name: 'testFaults', priority: 'low' },
      );
    },
  };
}

let seeded: SeededScenario;
beforeAll(async () => {
  seeded = await seedScenario(requireSandboxEndpoint(), 'integration-timeout');
});

describe('probe failure isolation', () => {
  it('denied calls become "could not check" for the probes that need them; the others still report', async () => {
    const clients = sandboxClients({ plugins: [faultPlugin({ 'CloudWatchLogs.FilterLogEvents': 'deny' })] });
    const diagnosis = await runDiagnosis(seeded.incident, { deadline: Date.now() + 20_000, clients });
    const why =
      'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/responder is not authorized to perform: CloudWatchLogs.FilterLogEvents';
    expect(findingsOf(diagnosis, 'execution-logs')).toEqual([
      {
        type: 'could-not-check',
        probe: 'execution-logs',
        what: 'execution logs',
        why,
        summary: `could not check execution logs: ${why}`,
      },
    ]);
    expect(findingsOf(diagnosis, 'access-logs')).toEqual([
      {
        type: 'could-not-check',
        probe: 'access-logs',
        what: 'access logs',
        why,
        summary: `could not check access logs: ${why}`,
      },
    ]);
    // lambda-backend keeps its configuration and metrics and says what it could not read.
    expect(findingsOf(diagnosis, 'lambda-backend')).toEqual([
      expect.objectContaining({ type: 'lambda', durationMaxMs: 34_512, timeoutSeconds: 60 }),
      expect.objectContaining({ type: 'could-not-check', what: `the logs of ${seeded.functionName}`, why }),
    ]);
    expect(findingsOf(diagnosis, 'metrics')).toEqual([expect.objectContaining({ type: 'metrics', total5xx: 72 })]);
    expect(diagnosis.probes.map((p) => [p.probe, p.status])).toEqual([
      ['metrics', 'ok'],
      ['execution-logs', 'failed'],
      ['access-logs', 'failed'],
      ['api-config', 'ok'],
      ['lambda-backend', 'ok'],
      ['http-backend', 'ok'],
      ['changes', 'ok'],
      ['throttling', 'ok'],
      ['traces', 'failed'],
    ]);
  });

  it('a call that hangs times its probe out while the others finish', async () => {
    const clients = sandboxClients({ plugins: [faultPlugin({ 'CloudWatch.GetMetricData': 'hang' })] });
    const started = Date.now();
    const diagnosis = await runDiagnosis(seeded.incident, {
      deadline: Date.now() + 20_000,
      probeTimeoutMs: 1500,
      clients,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(diagnosis.probes.find((p) => p.probe === 'metrics')).toEqual(
      expect.objectContaining({ status: 'timed-out', error: 'timed out after 1500 ms' }),
    );
    expect(findingsOf(diagnosis, 'metrics')).toEqual([
      {
        type: 'could-not-check',
        probe: 'metrics',
        what: 'API metrics',
        why: 'timed out after 1500 ms',
        summary: 'could not check API metrics: timed out after 1500 ms',
      },
    ]);
    expect(findingsOf(diagnosis, 'execution-logs')).toHaveLength(2);
    expect(findingsOf(diagnosis, 'api-config')[1]).toEqual(
      expect.objectContaining({ type: 'integration', timeoutMs: 29_000 }),
    );
    expect(diagnosis.cutShort).toBe(false);
  });
});

describe('deadline', () => {
  it('returns by the deadline with the finished probes when an injected probe is slow', async () => {
    const slow = {
      name: 'traces' as const,
      label: 'X-Ray traces',
      kinds: ['REST', 'HTTP'] as const,
      run: () => new Promise<Finding[]>((resolve) => setTimeout(() => resolve([]), 10_000)),
    };
    const registry = [...PROBES.filter((p) => p.name !== 'traces'), slow];
    const started = Date.now();
    const deadline = started + 3000;
    const diagnosis = await runDiagnosis(seeded.incident, { deadline, clients: sandboxClients(), registry });
    expect(Date.now()).toBeLessThan(deadline + 250);
    expect(diagnosis.cutShort).toBe(true);
    expect(diagnosis.probes.filter((p) => p.status === 'ok').map((p) => p.probe)).toEqual(
      PROBE_NAMES.filter((p) => p !== 'traces'),
    );
    expect(findingsOf(diagnosis, 'traces')).toEqual([
      expect.objectContaining({
        type: 'could-not-check',
        why: expect.stringMatching(/^timed out at the diagnosis deadline/),
      }),
    ]);
    expect(findingsOf(diagnosis, 'metrics')).toEqual([expect.objectContaining({ total5xx: 72 })]);
  });
});

describe('record and replay', () => {
  it('a recorded run replays to identical findings with the network disabled, and saves no secret', async () => {
    const recorder = new CallRecorder();
    const live = await runDiagnosis(seeded.incident, {
      deadline: Date.now() + 20_000,
      clients: sandboxClients({ plugins: [recorder.plugin()] }),
    });
    const recording = JSON.parse(JSON.stringify(recorder.recording(seeded.incident))) as Recording;
    const text = JSON.stringify(recording);
    expect(text).not.toContain('not-a-real-secret');
    expect(text).not.toMatch(/AWS4-HMAC-SHA256|testing/);

    const connect = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(() => {
      throw new Error('network disabled in this test');
    });
    try {
      const replayClients = createAwsClients({
        region: 'us-east-1',
        endpoint: 'http://replay.invalid',
        credentials: { accessKeyId: 'replay', secretAccessKey: 'replay' },
        requestHandler: NO_NETWORK_HANDLER,
        plugins: [new CallReplayer(recording).plugin()],
      });
      const replayed = await runDiagnosis(recording.incident, {
        deadline: Date.now() + 20_000,
        clients: replayClients,
      });
      expect(replayed.findings).toEqual(live.findings);
      expect(replayed.probes.map((p) => [p.probe, p.status, p.awsCalls])).toEqual(
        live.probes.map((p) => [p.probe, p.status, p.awsCalls]),
      );
      expect(connect).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
    }
  });
});
