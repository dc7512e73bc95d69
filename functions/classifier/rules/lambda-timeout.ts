/** LAMBDA_TIMEOUT: the function itself ran into its configured timeout. */
import type { ClassRule, RuleContext, Signal } from '../rule';
import { signal } from '../signal';

const CLASS = 'LAMBDA_TIMEOUT';
/** Duration max within this fraction of the timeout counts as "at the timeout". */
const AT_TIMEOUT = 0.97;

/** Outbound calls that hang from inside a VPC (no NAT gateway, no VPC endpoint). */
export const OUTBOUND_HANG =
  /connect\s+timeout\s+on\s+endpoint\s+url|connect\s+ETIMEDOUT|ConnectTimeoutError|ConnectTimeout|connect(?:ion)?\s+timed?[\s-]*out|Unable to execute HTTP request:.*(?:timed out|connect)|socket hang up|Read timeout on endpoint URL|ETIMEDOUT/i;

function signals(context: RuleContext): Signal[] {
  const out: Signal[] = [];
  for (const fn of context.lambdas) {
    if (fn.role !== 'integration') continue;
    if ((fn.timedOutCount ?? 0) > 0) {
      out.push(
        signal(
          CLASS,
          'lambda-timeout.function-log',
          0.9,
          'backend',
          `${fn.functionName}: ${fn.timedOutCount} "Task timed out" lines`,
          {
            count: fn.timedOutCount ?? 1,
          },
        ),
      );
    }
    if (
      fn.timeoutSeconds !== undefined &&
      fn.durationMaxMs !== undefined &&
      fn.durationMaxMs >= AT_TIMEOUT * fn.timeoutSeconds * 1000
    ) {
      out.push(
        signal(
          CLASS,
          'lambda-timeout.duration-at-timeout',
          0.7,
          'metrics',
          `${fn.functionName}: Duration max ${Math.round(fn.durationMaxMs)} ms reached its timeout (${fn.timeoutSeconds} s)`,
        ),
      );
      if (fn.inVpc === true) {
        out.push(
          signal(
            CLASS,
            'lambda-timeout.in-vpc',
            0.1,
            'config',
            `${fn.functionName} runs in a VPC: outbound calls need a NAT gateway or VPC endpoints`,
            {
              subCause: 'vpc-outbound',
            },
          ),
        );
      }
    }
  }
  return out;
}

export const lambdaTimeoutRule: ClassRule = {
  class: CLASS,
  logPatterns: [
    {
      id: 'lambda-timeout.task-timed-out',
      pattern: /task\s+timed[\s-]*out\s+after\s+[\d.]+\s*sec/i,
      weight: 0.95,
      specific: true,
    },
    { id: 'lambda-timeout.task-timed-out', pattern: /\btask\s+timed[\s-]*out\b/i, weight: 0.85, specific: true },
    {
      id: 'lambda-timeout.report-status',
      pattern: /\bStatus:\s*timeout\b|Sandbox\.Timedout/i,
      weight: 0.9,
      specific: true,
    },
    {
      id: 'lambda-timeout.function-timed-out',
      pattern: /\b(?:lambda\s+)?function\s+(?:has\s+|execution\s+)?timed[\s-]*out\b|\bFunction\.Timeout\b/i,
      weight: 0.7,
      specific: true,
    },
    {
      id: 'lambda-timeout.outbound-call-hangs',
      pattern: OUTBOUND_HANG,
      weight: 0.3,
      sources: ['lambda-log'],
      subCause: 'vpc-outbound',
    },
  ],
  signals,
};
