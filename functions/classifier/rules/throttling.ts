/** THROTTLING: Lambda concurrency, or API Gateway stage/method/usage-plan/account limits, refused the request. */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { fieldSignals, signal, statusSignals } from '../signal';

const CLASS = 'THROTTLING';

function signals(context: RuleContext): Signal[] {
  const out: Signal[] = [];
  for (const fn of context.lambdas) {
    if ((fn.throttles ?? 0) > 0) {
      out.push(
        signal(
          CLASS,
          'throttling.lambda-throttles',
          0.55,
          'metrics',
          `${fn.functionName}: Lambda Throttles = ${fn.throttles}`,
          {
            count: fn.throttles ?? 1,
          },
        ),
      );
    }
    if (fn.reservedConcurrency === 0) {
      out.push(
        signal(
          CLASS,
          'throttling.reserved-concurrency-zero',
          0.85,
          'config',
          `${fn.functionName}: reserved concurrency is 0, the function cannot run`,
          {
            subCause: 'reserved-concurrency-zero',
          },
        ),
      );
    } else if (
      fn.reservedConcurrency !== undefined &&
      fn.concurrentExecutionsMax !== undefined &&
      fn.concurrentExecutionsMax >= fn.reservedConcurrency
    ) {
      out.push(
        signal(
          CLASS,
          'throttling.reserved-concurrency-reached',
          0.45,
          'metrics',
          `${fn.functionName}: ConcurrentExecutions max ${fn.concurrentExecutionsMax} reached its reserved concurrency ${fn.reservedConcurrency}`,
          { subCause: 'reserved-concurrency' },
        ),
      );
    }
  }
  for (const limit of context.throttleLimits) {
    if (limit.scope === 'lambda-reserved' && limit.concurrencyLimit === 0) {
      out.push(
        signal(CLASS, 'throttling.reserved-concurrency-zero', 0.85, 'config', limit.summary, {
          subCause: 'reserved-concurrency-zero',
        }),
      );
    }
  }
  for (const trace of context.traces) {
    if (trace.throttleCount > 0) {
      out.push(
        signal(CLASS, 'throttling.traces', 0.45, 'traces', `${trace.throttleCount} throttled traces`, {
          count: trace.throttleCount,
        }),
      );
    }
  }
  out.push(
    ...statusSignals(context, CLASS, 'throttling.status-429', 0.5, (status) => status === 429),
    ...fieldSignals(context, CLASS, 'throttling.integration-429', 0.7, (f) => f.integrationStatus === '429'),
  );
  return out;
}

export const throttlingRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      id: 'throttling.lambda-429',
      pattern: /lambda\s+invocation\s+failed\s+with\s+status:?\s*429/i,
      weight: 0.95,
      specific: true,
      subCause: 'lambda-concurrency',
    },
    {
      id: 'throttling.reserved-concurrency',
      pattern:
        /ReservedFunctionConcurrentInvocationLimitExceeded|reserved\s+concurrency\s+(?:limit\s+)?(?:exceeded|reached)/i,
      weight: 0.95,
      specific: true,
      subCause: 'reserved-concurrency',
    },
    {
      id: 'throttling.account-concurrency',
      pattern:
        /\bConcurrentInvocationLimitExceeded|concurrency\s+limit\s+(?:exceeded|reached)|ConcurrencyLimitExceeded/i,
      weight: 0.9,
      specific: true,
      subCause: 'account-concurrency',
    },
    { id: 'throttling.too-many-requests', pattern: /TooManyRequestsException/i, weight: 0.9, specific: true },
    {
      // The Invoke API's documented TooManyRequestsException reason codes.
      // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
      id: 'throttling.lambda-reason-code',
      pattern:
        /\b(?:ReservedFunctionInvocationRateLimitExceeded|FunctionInvocationRateLimitExceeded|CallerRateLimitExceeded|ConcurrentSnapshotCreateLimitExceeded)\b/,
      weight: 0.9,
      specific: true,
      subCause: 'lambda-concurrency',
    },
    {
      // AWS service integrations answer throttling with these codes (DynamoDB, Kinesis, SQS,
      // Step Functions, S3 "SlowDown", EventBridge "ThrottlingException").
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/integrating-api-with-aws-services-kinesis.html
      id: 'throttling.aws-service-code',
      pattern:
        /endpoint\s+response\s+body[^\n]*\b(?:ProvisionedThroughputExceededException|ThrottlingException|RequestLimitExceeded|LimitExceededException|KMSThrottlingException|SlowDown|Throttling)\b/i,
      weight: 0.85,
      specific: true,
      subCause: 'aws-service-throttled',
    },
    { id: 'throttling.rate-exceeded', pattern: /\brate\s+exceeded\b/i, weight: 0.85, specific: true },
    {
      id: 'throttling.api-gateway-limit',
      pattern: /\bTHROTTLED\b|\bQUOTA_EXCEEDED\b/,
      weight: 0.85,
      specific: true,
      subCause: 'api-gateway-limit',
    },
    {
      id: 'throttling.api-gateway-limit',
      pattern: /"message"\s*:\s*"\s*(?:limit\s+exceeded|too\s+many\s+requests)\s*"/i,
      weight: 0.85,
      specific: true,
      subCause: 'api-gateway-limit',
    },
    {
      id: 'throttling.throttled',
      pattern:
        /\bToo\s+Many\s+Requests\b|ThrottlingException|\bThrottled\b|\b(?:was|were|is|been|being)\s+throttled\b|\bSlowDown\b|ProvisionedThroughputExceeded|RequestLimitExceeded|\blimit\s+exceeded\b/i,
      weight: 0.7,
    },
  ],
  signals,
};
