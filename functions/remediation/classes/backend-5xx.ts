import type { Hypothesis, RemediationStep } from '../../types';
import type { RemediationContext } from '../context';
import { regionFlag, step } from '../commands';

export function backend5xxSteps(_h: Hypothesis, ctx: RemediationContext): RemediationStep[] {
  return [
    {
      title: 'Treat it as a backend failure: API Gateway passed the status through',
      detail:
        'API Gateway reported no failure of its own; the backend (HTTP service, or a Lambda proxy function returning statusCode 5xx) chose the 5xx. Its own logs say why, often a dependency that failed or timed out.',
    },
    step(
      ctx,
      "Find the backend's 5xx responses in the function log",
      undefined,
      ['functionName'],
      () =>
        `aws logs filter-log-events --log-group-name /aws/lambda/${ctx.functionName} --filter-pattern '?"statusCode\\": 5" ?"Returning 5" ?ERROR ?Exception' --max-items 50${regionFlag(ctx)}`,
    ),
    step(
      ctx,
      'Check the HTTP backend directly',
      undefined,
      ['endpoint'],
      () => `curl -sv --max-time 30 ${ctx.endpoint} -o /dev/null`,
    ),
    {
      title: "Check the backend's dependencies",
      detail:
        'Databases, downstream APIs and their timeouts: a dependency that times out is often mapped to 502/503/504 by the application. Add retries with backoff, circuit breaking, or a cached fallback.',
    },
  ];
}
