/**
 * The responder Lambda. Thin: parse → dedupe → diagnose → classify → remediate → summarise →
 * notify → record, all in respond.ts; this file only wires Lambda, middy and Powertools.
 *
 * Module init stays cheap (the bench compares it with bare node): only middy and Powertools load
 * here. The orchestration, the parser, the DynamoDB client and RESPONDER_CONFIG's validation load
 * on the first invocation of a container and are kept for its life; the diagnosis engine,
 * classifier and each destination's code load only when an incident needs them.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import type { EventReport } from './respond';
import type { Runtime, RuntimeOptions } from './wiring';

/** The stack sets POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE to these as well. */
const SERVICE = 'apigw-responder';
const NAMESPACE = 'ApiGatewayResponder';
/** Kept at the end of the invocation to record what was delivered. */
const RECORD_RESERVE_MS = 2_000;

export const logger = new Logger({ serviceName: SERVICE });
export const metrics = new Metrics({ namespace: NAMESPACE, serviceName: SERVICE });
export const tracer = new Tracer({ serviceName: SERVICE });

let runtime: Promise<Runtime> | undefined;

/** Created once per container, on its first invocation; a failure (bad config) is retried next time. */
function loadRuntime(overrides: Partial<RuntimeOptions> = {}): Promise<Runtime> {
  runtime ??= import('./wiring')
    .then(({ createRuntime }) => createRuntime({ logger, metrics, tracer, env: process.env, ...overrides }))
    .catch((error: unknown) => {
      runtime = undefined;
      logger.error('responder configuration failed', { error: error instanceof Error ? error.message : String(error) });
      throw error;
    });
  return runtime;
}

/** Tests: rebuild the runtime from the current environment, optionally with overrides. */
export function resetRuntime(overrides?: Partial<RuntimeOptions>): Promise<Runtime> {
  runtime = undefined;
  return loadRuntime(overrides);
}

export async function lambdaHandler(event: unknown, context: Context): Promise<EventReport[]> {
  try {
    const { responder } = await loadRuntime();
    const deadline = Date.now() + context.getRemainingTimeInMillis() - RECORD_RESERVE_MS;
    return await responder.handleEvent(event, { deadline });
  } catch (error) {
    // What Lambda reports of a failed invocation (its log and the DLQ record's errorMessage and
    // trace) is this error: no URL, token or personal datum may ride on it.
    throw (await import('../redact')).safeError(error);
  }
}

export const handler = middy(lambdaHandler)
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
