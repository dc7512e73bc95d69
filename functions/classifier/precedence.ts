/**
 * Where signals of two classes overlap, the documented winner takes the lead and the other stays
 * as a lower-ranked hypothesis. Each rule is named so a test (or a reader) can point at it.
 */
import type { RootCauseClass } from '../types';
import { clientElapsedMs } from './client-elapsed';
import type { RuleContext } from './rule';
import { AT_LIMIT, integrationTimeoutMs } from './rules/integration-timeout';
import type { Candidate } from './scoring';

type Candidates = Map<RootCauseClass, Candidate>;

interface PrecedenceRule {
  readonly name: string;
  readonly apply: (candidates: Candidates, context: RuleContext) => void;
}

/** A class counts as present for precedence when its score reaches this. */
const PRESENT = 0.5;

function present(candidates: Candidates, cls: RootCauseClass): Candidate | undefined {
  const c = candidates.get(cls);
  return c !== undefined && c.score >= PRESENT ? c : undefined;
}

function scale(candidates: Candidates, cls: RootCauseClass, factor: number): void {
  const c = candidates.get(cls);
  if (c !== undefined) c.score *= factor;
}

const THROTTLE_PHRASES = [
  'throttling.lambda-429',
  'throttling.rate-exceeded',
  'throttling.too-many-requests',
  'throttling.reserved-concurrency',
  'throttling.account-concurrency',
];

export const PRECEDENCE: readonly PrecedenceRule[] = [
  {
    // A throttled invoke was once logged as "Malformed Lambda proxy response"; "Rate Exceeded" says what really happened.
    name: 'throttling-over-malformed',
    apply: (candidates) => {
      const throttling = candidates.get('THROTTLING');
      if (throttling === undefined || !THROTTLE_PHRASES.some((r) => throttling.rules.has(r))) return;
      scale(candidates, 'MALFORMED_PROXY_RESPONSE', 0.3);
      scale(candidates, 'BACKEND_5XX', 0.5);
    },
  },
  {
    // When the authorizer failed, the permission failure next to it is the authorizer's.
    name: 'authorizer-over-permission',
    apply: (candidates) => {
      const authorizer = present(candidates, 'AUTHORIZER_ERROR');
      const permission = candidates.get('PERMISSION_DENIED');
      if (authorizer === undefined || permission === undefined) return;
      authorizer.evidence.push(...permission.evidence);
      authorizer.subCause ??=
        permission.subCause === 'role-not-assumable' ? 'authorizer-role-not-assumable' : 'authorizer-invoke-permission';
      authorizer.score = 1 - (1 - authorizer.score) * (1 - 0.5 * permission.score);
      permission.score *= 0.35;
    },
  },
  {
    // The function itself timed out: the gateway's timeout is the symptom, not the cause.
    name: 'lambda-timeout-over-integration-timeout',
    apply: (candidates) => {
      const lambda = present(candidates, 'LAMBDA_TIMEOUT');
      if (lambda === undefined) return;
      scale(candidates, 'INTEGRATION_TIMEOUT', 0.6);
      scale(candidates, 'LAMBDA_FUNCTION_ERROR', 0.6);
    },
  },
  {
    // The gateway gave up while the function was still running (function timeout above the integration timeout).
    name: 'integration-timeout-when-function-outlives-gateway',
    apply: (candidates, context) => {
      const integration = present(candidates, 'INTEGRATION_TIMEOUT');
      const lambda = candidates.get('LAMBDA_TIMEOUT');
      if (integration === undefined || lambda === undefined || lambda.rules.has('lambda-timeout.task-timed-out'))
        return;
      const gatewayMs = integrationTimeoutMs(context);
      if (context.lambdas.some((fn) => fn.role === 'integration' && (fn.timeoutSeconds ?? 0) * 1000 > gatewayMs)) {
        lambda.score *= 0.5;
      }
    },
  },
  {
    // API Gateway answers an integration timeout only once the integration timeout has passed
    // (at most 29 s REST / 30 s HTTP API, or the configured value); an HTTP API answers 503 for
    // other failures too. When the client's own wait is shown and stayed well below that limit,
    // the 503/504 was not a timeout.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
    name: 'integration-timeout-needs-the-wait',
    apply: (candidates, context) => {
      const waits = clientElapsedMs(context);
      if (waits.length === 0) return;
      if (Math.max(...waits) < AT_LIMIT * integrationTimeoutMs(context)) scale(candidates, 'INTEGRATION_TIMEOUT', 0.3);
    },
  },
  {
    // "Lambda Customer Function Error: Response payload size exceeded" is the size limit, not a bug in the code.
    name: 'payload-over-function-error',
    apply: (candidates) => {
      if (present(candidates, 'RESPONSE_TOO_LARGE') !== undefined) scale(candidates, 'LAMBDA_FUNCTION_ERROR', 0.4);
    },
  },
  {
    // A backend 5xx is only the cause when API Gateway itself reported no failure of its own.
    name: 'backend-5xx-only-without-gateway-failure',
    apply: (candidates, context) => {
      if (!candidates.has('BACKEND_5XX')) return;
      const gatewayFailed = context.lines.some(
        (l) =>
          l.source !== 'lambda-log' &&
          /execution\s+failed|customer\s+function\s+error|lambda\s+invocation\s+failed/i.test(l.text),
      );
      const other = [...candidates.values()].some((c) => c.class !== 'BACKEND_5XX' && c.score >= 0.6);
      if (gatewayFailed || other) scale(candidates, 'BACKEND_5XX', 0.4);
    },
  },
  {
    // What the integration type makes likely or impossible.
    name: 'integration-hint',
    apply: (candidates, context) => {
      const lambdaClasses: RootCauseClass[] = [
        'LAMBDA_TIMEOUT',
        'MALFORMED_PROXY_RESPONSE',
        'LAMBDA_FUNCTION_ERROR',
        'RESPONSE_TOO_LARGE',
      ];
      switch (context.integration) {
        case 'http':
        case 'http-proxy':
          for (const cls of lambdaClasses) scale(candidates, cls, 0.7);
          scale(candidates, 'BACKEND_UNREACHABLE', 1.15);
          scale(candidates, 'BACKEND_5XX', 1.15);
          break;
        case 'vpc-link':
          for (const cls of lambdaClasses) scale(candidates, cls, 0.7);
          scale(candidates, 'BACKEND_UNREACHABLE', 1.4);
          scale(candidates, 'BACKEND_5XX', 1.15);
          break;
        case 'lambda':
          scale(candidates, 'MALFORMED_PROXY_RESPONSE', 0.6);
          scale(candidates, 'MAPPING_ERROR', 1.1);
          break;
        case 'lambda-proxy':
          scale(candidates, 'MAPPING_ERROR', 0.8);
          break;
        case 'aws':
          for (const cls of lambdaClasses) scale(candidates, cls, 0.7);
          scale(candidates, 'PERMISSION_DENIED', 1.15);
          break;
        default:
          break;
      }
      const vpcLinkConfigured = context.integrations.some((i) => /VPC_LINK/i.test(i.connectionType ?? ''));
      if (vpcLinkConfigured && context.integration !== 'vpc-link') scale(candidates, 'BACKEND_UNREACHABLE', 1.3);
    },
  },
];

export function applyPrecedence(candidates: Candidates, context: RuleContext): void {
  for (const rule of PRECEDENCE) rule.apply(candidates, context);
  for (const c of candidates.values()) c.score = Math.max(0, Math.min(0.99, c.score));
}
