/** Every probe, in report order: adding a probe is one file under probes/ and one line here. */
import type { ApiKind, ProbeName } from '../types';
import type { Probe } from './probe';
import { accessLogsProbe } from './probes/access-logs';
import { apiConfigProbe } from './probes/api-config';
import { changesProbe } from './probes/changes';
import { executionLogsProbe } from './probes/execution-logs';
import { httpBackendProbe } from './probes/http-backend';
import { lambdaBackendProbe } from './probes/lambda-backend';
import { metricsProbe } from './probes/metrics';
import { throttlingProbe } from './probes/throttling';
import { tracesProbe } from './probes/traces';

export interface RegisteredProbe {
  readonly name: ProbeName;
  /** What a "could not check" finding names when the whole probe fails. */
  readonly label: string;
  readonly run: Probe;
  /** API kinds the probe applies to; others mark it skipped. */
  readonly kinds: readonly ApiKind[];
}

const BOTH: readonly ApiKind[] = ['REST', 'HTTP'];

export const PROBES: readonly RegisteredProbe[] = [
  { name: 'metrics', label: 'API metrics', run: metricsProbe, kinds: BOTH },
  { name: 'execution-logs', label: 'execution logs', run: executionLogsProbe, kinds: ['REST'] },
  { name: 'access-logs', label: 'access logs', run: accessLogsProbe, kinds: BOTH },
  { name: 'api-config', label: 'API configuration', run: apiConfigProbe, kinds: BOTH },
  { name: 'lambda-backend', label: 'backend Lambda functions', run: lambdaBackendProbe, kinds: BOTH },
  { name: 'http-backend', label: 'HTTP backend', run: httpBackendProbe, kinds: BOTH },
  { name: 'changes', label: 'recent changes', run: changesProbe, kinds: BOTH },
  { name: 'throttling', label: 'throttling limits', run: throttlingProbe, kinds: BOTH },
  // HTTP APIs do not support X-Ray tracing.
  { name: 'traces', label: 'X-Ray traces', run: tracesProbe, kinds: ['REST'] },
];
