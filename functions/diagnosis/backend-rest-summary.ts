/** The backend functions a diagnosis does not examine in depth, as one line. */
import type { Finding } from '../types';
import type { FunctionMetrics } from './backend-ranking';
import { couldNotCheck } from './probe';

/** One line for the functions not deep-dived: how many, and what their metrics say. */
export function restSummary(
  rest: readonly { name: string }[],
  metrics: ReadonlyMap<string, FunctionMetrics> | undefined,
  deepDive: number,
): Finding {
  const total = (key: 'errors' | 'throttles' | 'invocations'): number =>
    rest.reduce((n, f) => n + (metrics?.get(f.name)?.[key] ?? 0), 0);
  const said =
    metrics === undefined
      ? 'their metrics could not be read either'
      : `their metrics: ${total('invocations')} invocations, ${total('errors')} errors, ${total('throttles')} throttles`;
  const names = rest
    .slice(0, 3)
    .map((f) => f.name)
    .join(', ');
  return couldNotCheck(
    'lambda-backend',
    `the configuration and logs of ${rest.length} other backend function${rest.length === 1 ? '' : 's'} (${names}${rest.length > 3 ? ', ...' : ''})`,
    `only the ${deepDive} behind the most failing requests in the logs, then with the most errors and throttles, are examined in depth; ${said}`,
  );
}
