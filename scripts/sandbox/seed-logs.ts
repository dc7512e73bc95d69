/**
 * The log lines of a scenario's failure: for each traffic minute a few requests, the failing ones
 * leaving the scenario's execution, access and function log lines and the others a plain
 * success. The lines go into the log groups where the stage and the function would write them.
 */
import { randomUUID } from 'node:crypto';
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { LOGGED_FAILURES } from './scenario-traffic';
import type { TrafficTimeline } from './scenario-traffic';
import type { ScenarioFailure } from './scenarios';
import type { SeedClients } from './seed-clients';

const LAMBDA_INVOKE_URL = 'https://lambda.us-east-1.amazonaws.com/2015-03-31/functions';

interface LogEvent {
  timestamp: number;
  message: string;
}

export interface SeedLogsInput {
  readonly failure: ScenarioFailure;
  readonly kind: 'REST' | 'HTTP';
  readonly apiId: string;
  readonly stage: string;
  readonly route: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly accessLogGroup: string;
  readonly timeline: TrafficTimeline;
}

export interface SeededLogs {
  /** REST only: HTTP APIs write no execution logs. */
  readonly executionLogGroup?: string;
  readonly lambdaLogGroup: string;
  /** Request ids of the failing requests (execution/access logs). */
  readonly requestIds: readonly string[];
}

/** Creates the log group, even when there is nothing to write: a configured group exists. */
async function putLines(clients: SeedClients, logGroupName: string, events: readonly LogEvent[]): Promise<void> {
  await clients.logs.send(new CreateLogGroupCommand({ logGroupName }));
  if (events.length === 0) return;
  const logStreamName = `2024/01/01/[$LATEST]${randomUUID().replace(/-/g, '')}`;
  await clients.logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
  const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
  await clients.logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: sorted }));
}

/** A few failing requests per failing minute, and some successes before the onset. */
function failureLogEvents(input: SeedLogsInput) {
  const { failure, kind, route, timeline } = input;
  const requestIds: string[] = [];
  const executionEvents: LogEvent[] = [];
  const accessEvents: LogEvent[] = [];
  const lambdaEvents: LogEvent[] = [];
  timeline.minutes.forEach((minute, m) => {
    const failing = minute >= timeline.onsetMinute;
    for (let i = 0; i < (failing ? LOGGED_FAILURES : 2); i += 1) {
      const at = minute + 5_000 + i * 7_000 + m;
      const requestId = randomUUID();
      const lambdaRequestId = randomUUID();
      const status = failing ? failure.access.status : '200';
      const common = {
        requestId,
        ip: '203.0.113.10',
        requestTime: new Date(at).toISOString(),
        status,
        responseType: failing ? failure.access.responseType : '-',
        integrationError: failing ? failure.access.integrationError : '-',
        integrationStatus: failing ? failure.access.integrationStatus : '200',
      };
      accessEvents.push({
        timestamp: at + 900,
        message: JSON.stringify(
          kind === 'REST'
            ? {
                ...common,
                httpMethod: 'GET',
                resourcePath: '/orders',
                responseLatency: String(failing ? failure.latencyMs : 80),
              }
            : { ...common, routeKey: route },
        ),
      });
      if (!failing) {
        lambdaEvents.push(
          { timestamp: at + 10, message: `START RequestId: ${lambdaRequestId} Version: $LATEST` },
          { timestamp: at + 70, message: `END RequestId: ${lambdaRequestId}` },
          {
            timestamp: at + 71,
            message: `REPORT RequestId: ${lambdaRequestId}\tDuration: 61.20 ms\tBilled Duration: 62 ms\tMemory Size: ${failure.memoryMb} MB\tMax Memory Used: 70 MB`,
          },
        );
        continue;
      }
      requestIds.push(requestId);
      if (kind === 'REST') {
        executionEvents.push(
          ...failure
            .executionLines(lambdaRequestId)
            .map((line, j) => ({ timestamp: at + 20 + j, message: `(${requestId}) ${line}` })),
        );
      }
      lambdaEvents.push(
        ...failure
          .lambdaLines(lambdaRequestId, new Date(at))
          .map((line, j) => ({ timestamp: at + 10 + j, message: line })),
      );
    }
  });
  return { requestIds, executionEvents, accessEvents, lambdaEvents };
}

export async function seedFailureLogs(clients: SeedClients, input: SeedLogsInput): Promise<SeededLogs> {
  const { failure, kind, apiId, stage, functionName, functionArn, accessLogGroup, timeline } = input;
  const { requestIds, executionEvents, accessEvents, lambdaEvents } = failureLogEvents(input);
  const executionLogGroup = kind === 'REST' ? `API-Gateway-Execution-Logs_${apiId}/${stage}` : undefined;
  if (executionLogGroup !== undefined) {
    // At INFO level the stage also logs its call to the function, which names the function's ARN.
    if (failure.loggingLevel === 'INFO') {
      executionEvents.unshift({
        timestamp: timeline.onsetMinute + 1_000,
        message: `(${randomUUID()}) Sending request to ${LAMBDA_INVOKE_URL}/${functionArn}/invocations`,
      });
    }
    await putLines(clients, executionLogGroup, executionEvents);
  }
  await putLines(clients, accessLogGroup, accessEvents);
  const lambdaLogGroup = `/aws/lambda/${functionName}`;
  // A function that was never invoked has no log group.
  if (failure.lambda.invocations > 0) await putLines(clients, lambdaLogGroup, lambdaEvents);
  return { ...(executionLogGroup === undefined ? {} : { executionLogGroup }), lambdaLogGroup, requestIds };
}
