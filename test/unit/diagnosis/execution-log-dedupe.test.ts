/**
 * The execution-log probe merges what the reader kept with context lines and request traces and
 * drops duplicates by the same key the reader uses (logEventKey): two events without an eventId
 * that differ only by stream are two lines, the same event met twice is one.
 */
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { ApiModel } from '../../../functions/diagnosis/api-model';
import type { AwsClients } from '../../../functions/diagnosis/clients';
import type { Discovery } from '../../../functions/diagnosis/discovery';
import { logEventKey } from '../../../functions/diagnosis/log-reading/event-key';
import { DEFAULT_LOG_READ_BUDGET } from '../../../functions/diagnosis/log-reading/read-budget';
import type { ProbeContext } from '../../../functions/diagnosis/probe';
import { executionLogsProbe } from '../../../functions/diagnosis/probes/execution-logs';
import type { LogTemplateFinding } from '../../../functions/types';
import { incident } from './support/incident';

const AT = Date.parse('2024-05-01T10:29:00Z');
const LINE = 'Execution failed due to configuration error: Invalid permissions on Lambda function';

/** A log group whose FilterLogEvents answers with these events (no eventIds), as one page per time range. */
function contextWith(
  events: readonly FilteredLogEvent[],
  executionLogging = 'ERROR',
  patterns: (string | undefined)[] = [],
): ProbeContext {
  const logs = {
    send: (command: { input: { startTime: number; endTime: number; filterPattern?: string } }) => {
      patterns.push(command.input.filterPattern);
      const { startTime, endTime } = command.input;
      return Promise.resolve({
        events: events.filter((e) => (e.timestamp ?? 0) >= startTime && (e.timestamp ?? 0) <= endTime),
      });
    },
  };
  const model = {
    kind: 'REST',
    id: 'abc123',
    stage: { name: 'prod', executionLogging },
    integrations: [],
    authorizers: [],
    vpcLinks: [],
    functions: [],
  } as unknown as ApiModel;
  const discovery = {
    apiModel: () => Promise.resolve(model),
    apiMetrics: () => Promise.reject(new Error('no metrics')),
  } as unknown as Discovery;
  return {
    incident,
    clients: { logs } as unknown as AwsClients,
    deadline: Date.now() + 20_000,
    signal: new AbortController().signal,
    options: {
      activeHealthCheck: false,
      activeHealthCheckTimeoutMs: 3000,
      logRead: DEFAULT_LOG_READ_BUDGET,
      deepDive: 5,
    },
    discovery,
    reportCoverage: () => undefined,
  };
}

const counted = (findings: readonly { type: string }[]): number =>
  findings.filter((f): f is LogTemplateFinding => f.type === 'log-template').reduce((sum, f) => sum + f.count, 0);

it('counts two events without an eventId that differ only by stream as two lines', async () => {
  const findings = await executionLogsProbe(
    contextWith([
      { logStreamName: 'stream-a', timestamp: AT, message: LINE },
      { logStreamName: 'stream-b', timestamp: AT, message: LINE },
    ]),
  );
  expect(counted(findings)).toBe(2);
});

it('counts an event the read and the request-trace drill both bring once', async () => {
  // INFO logging: the probe drills into the failing request for its whole trace, which returns
  // the failing line again (no eventId from this source).
  const failing = {
    logStreamName: 'stream-a',
    timestamp: AT,
    message: `(4f6c9a1e-0b7d-4a43-9e3a-2d1c8f0e5b71) ${LINE}`,
  };
  const patterns: (string | undefined)[] = [];
  const findings = await executionLogsProbe(contextWith([failing], 'INFO', patterns));
  expect(patterns.some((p) => p?.includes('4f6c9a1e-0b7d-4a43-9e3a-2d1c8f0e5b71'))).toBe(true);
  expect(counted(findings)).toBe(1);
});

it('keys an event as the reader does: its eventId, else stream, time and message', () => {
  const event = { logStreamName: 'stream-a', timestamp: AT, message: LINE };
  expect(logEventKey({ ...event, eventId: '3759' })).toBe('3759');
  expect(logEventKey(event)).not.toBe(logEventKey({ ...event, logStreamName: 'stream-b' }));
  expect(logEventKey(event)).toBe(logEventKey({ ...event }));
});
