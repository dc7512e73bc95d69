/**
 * The Slack interactions Lambda. Two kinds of invocation:
 * - its function URL (Slack's interactivity request URL): verify, answer within Slack's 3 s,
 *   queue the work (function-url.ts); unverified requests get 401 and the UnverifiedRequests metric;
 * - its work queue (SQS): perform each queued action (perform-action.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { readRoleFailureReporter } from '../cross-account/read-role-failure-report';
import { metricsAdapter } from '../responder/metrics-adapter';
import type { FunctionUrlEvent, FunctionUrlResult } from './function-url';
import { createInteractionsEndpoint } from './function-url';
import type { IncidentAction } from './parse-action';
import { performAction } from './perform-action';
import { WORK_MAX_RECEIVES } from './work-queue';
import type { InteractionsRuntime } from './wiring';

const SERVICE = 'apigw-responder-interactions';
export const logger = new Logger({ serviceName: SERVICE });
export const metrics = new Metrics({ namespace: 'ApiGatewayResponder', serviceName: SERVICE });
export const UNVERIFIED_METRIC = 'UnverifiedRequests';

/** The responder's metrics port: a count plain (alarmed on) or by its own dimensions. */
const counted = metricsAdapter(metrics);

/** A re-run's read role that STS refused or could not hand out: logged and counted as the responder does. */
const reportReadRoleFailure = readRoleFailureReporter(
  (message, extra) => logger.warn(message, extra),
  counted,
  'the re-run fails and its queue delivers it again',
);

let runtime: Promise<InteractionsRuntime> | undefined;
/** Only a refusal adds a metric; publishing none would log a warning on every request. */
let metricsPending = false;

function load(): Promise<InteractionsRuntime> {
  runtime ??= import('./wiring')
    .then(({ createInteractionsRuntime }) =>
      createInteractionsRuntime({
        env: process.env,
        rejected: (reason) => {
          logger.warn('unverified Slack request refused', { reason });
          counted.count(UNVERIFIED_METRIC, { reason });
          counted.count(UNVERIFIED_METRIC);
          metricsPending = true;
        },
        readRoleFailed: (error) => {
          reportReadRoleFailure(error);
          metricsPending = true;
        },
      }),
    )
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  return runtime;
}

interface SqsEvent {
  readonly Records: readonly {
    readonly messageId: string;
    readonly body: string;
    readonly attributes?: { readonly ApproximateReceiveCount?: string };
  }[];
}

function isSqs(event: unknown): event is SqsEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as { Records?: unknown }).Records);
}

export async function handler(
  event: FunctionUrlEvent | SqsEvent,
): Promise<FunctionUrlResult | { batchItemFailures: { itemIdentifier: string }[] }> {
  const loaded = await load();
  try {
    if (!isSqs(event)) return await createInteractionsEndpoint(loaded.endpoint)(event);
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      try {
        const action = JSON.parse(record.body) as IncidentAction;
        const lastReceive = Number(record.attributes?.ApproximateReceiveCount ?? '1') >= WORK_MAX_RECEIVES;
        const outcome = await performAction(loaded.worker, action, lastReceive);
        logger.info('interaction performed', { action: action.action, incidentId: action.value.i, outcome });
      } catch (error) {
        logger.error('interaction failed; SQS will retry it', {
          error: error instanceof Error ? error.message : String(error),
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  } finally {
    if (metricsPending) metrics.publishStoredMetrics();
    metricsPending = false;
  }
}

/** Tests and the sandbox: forget the loaded runtime (the environment changed). */
export function resetInteractionsRuntime(): void {
  runtime = undefined;
}
