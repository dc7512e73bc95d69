/** INTEGRATION_TIMEOUT: API Gateway gave up waiting for the integration (29 s REST default, 30 s HTTP API). */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { fieldSignals, is5xx, lineSignal, signal, statusSignals } from '../signal';

const CLASS = 'INTEGRATION_TIMEOUT';
const REST_DEFAULT_TIMEOUT_MS = 29_000;
const HTTP_API_DEFAULT_TIMEOUT_MS = 30_000;
/** Within this fraction of the limit, a latency maximum is "at the limit". */
export const AT_LIMIT = 0.95;

/** The integration timeout in force: declared, configured, or the API kind's default. */
export function integrationTimeoutMs(context: RuleContext, declared?: number): number {
  if (declared !== undefined) return declared;
  const configured = context.integrations.map((i) => i.timeoutMs).filter((t) => t > 0);
  if (configured.length > 0) return Math.max(...configured);
  return context.httpApi ? HTTP_API_DEFAULT_TIMEOUT_MS : REST_DEFAULT_TIMEOUT_MS;
}

/**
 * "REPORT RequestId: … Duration: 31022.51 ms …": how long the function ran. Log viewers put their
 * own time in front ("18:25:50 REPORT RequestId: …", `serverless logs`), so the marker is matched
 * anywhere, not only at the start.
 */
const REPORT_DURATION = /\bREPORT\s+RequestId:[^\n]*?\bDuration:\s*([\d.]+)\s*ms/i;

/**
 * A backend function that ran past the integration timeout: API Gateway answered 504 (REST) or 503
 * (HTTP API) while the function went on, unless the function itself timed out at that moment
 * ("Task timed out" or "Status: timeout" is LAMBDA_TIMEOUT's).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
function reportPastGateway(context: RuleContext): Signal[] {
  const limit = integrationTimeoutMs(context);
  const functionTimedOut = context.lines.some((l) => /task\s+timed\s*out|Status:\s*timeout/i.test(l.text));
  if (functionTimedOut) return [];
  return context.lines
    .filter((l) => Number(REPORT_DURATION.exec(l.text)?.[1] ?? 0) >= AT_LIMIT * limit)
    .map((l) =>
      lineSignal(CLASS, 'integration-timeout.function-outlived-gateway', 0.6, l, {
        subCause: 'function-outlived-gateway',
      }),
    );
}

/** A client's elapsed time on its status line: "[HTTP/3 504  29261ms]", "504 Gateway Timeout (29.3 s)". */
const ELAPSED = /\b(\d+(?:\.\d+)?)\s*(ms|s)\b/;

/**
 * A client line that reports the gateway's timeout status together with how long the request
 * took, when that time is the integration timeout: the client waited exactly as long as API
 * Gateway waits before it gives up (504 REST, 503 HTTP API). Weak (the client's clock, no gateway
 * line), but it tells a timeout from any other 504 such as a CDN's or a proxy's.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
 */
function clientWaitedTheLimit(context: RuleContext): Signal[] {
  const limit = integrationTimeoutMs(context);
  return context.lines
    .filter((l) => l.source === 'client' && (l.status === 504 || (l.status === 503 && context.httpApi)))
    .filter((l) => {
      const match = ELAPSED.exec(l.text.replace(/^\[?HTTP\/[\d.]+\s+\d{3}/i, ''));
      if (match?.[1] === undefined) return false;
      const ms = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
      return ms >= AT_LIMIT * limit && ms <= limit + 2000;
    })
    .map((l) => lineSignal(CLASS, 'integration-timeout.client-waited-the-limit', 0.55, l));
}

function signals(context: RuleContext): Signal[] {
  const out: Signal[] = [...reportPastGateway(context), ...clientWaitedTheLimit(context)];
  for (const m of context.metrics) {
    if (m.integrationLatencyMaxMs === null) continue;
    const limit = integrationTimeoutMs(context, m.integrationTimeoutMs);
    if (m.integrationLatencyMaxMs >= AT_LIMIT * limit) {
      out.push(
        signal(
          CLASS,
          'integration-timeout.latency-at-limit',
          0.6,
          'metrics',
          `IntegrationLatency max ${Math.round(m.integrationLatencyMaxMs)} ms reached the integration timeout (${limit} ms)`,
        ),
      );
    }
  }
  out.push(
    ...fieldSignals(context, CLASS, 'integration-timeout.access-log-latency', 0.55, (f) => {
      const latency = Number(f.integrationLatency);
      return is5xx(f.status) && Number.isFinite(latency) && latency >= AT_LIMIT * integrationTimeoutMs(context);
    }),
    ...statusSignals(context, CLASS, 'integration-timeout.status-504', 0.35, (status) => status === 504),
    ...statusSignals(
      context,
      CLASS,
      'integration-timeout.http-api-503',
      0.3,
      (status, line) => status === 503 && context.httpApi && line.source !== 'lambda-log',
    ),
  );
  return out;
}

export const integrationTimeoutRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      id: 'integration-timeout.execution-failed',
      pattern: /execution\s+failed\s+due\s+to\s+an?\s+timeout/i,
      weight: 0.9,
      specific: true,
    },
    {
      id: 'integration-timeout.endpoint-timed-out',
      pattern: /endpoint\s+request\s+timed[\s-]*out/i,
      weight: 0.9,
      specific: true,
    },
    {
      id: 'integration-timeout.response-type',
      pattern: /\bINTEGRATION_TIMEOUT\b|\bintegration\s+(?:request\s+)?timed[\s-]*out\b/i,
      weight: 0.85,
      specific: true,
    },
    {
      id: 'integration-timeout.http-api-service-unavailable',
      pattern: /"message"\s*:\s*"\s*service\s+unavailable\s*"/i,
      weight: 0.6,
      notSources: ['lambda-log'],
    },
    {
      id: 'integration-timeout.gateway-timeout',
      pattern: /\bgateway[\s-]*time[\s-]*out\b/i,
      weight: 0.45,
      notSources: ['lambda-log'],
    },
  ],
  signals,
};
