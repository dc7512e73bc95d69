/**
 * The shape every probe has: incident + clients + deadline in, typed findings out. A probe throws
 * when it cannot check at all (the engine turns that into a "could not check" finding); a probe
 * that can check part of its scope returns the part and a CouldNotCheckFinding for the rest.
 */
import type { CouldNotCheckFinding, Finding, Incident, LogCoverage, ProbeName } from '../types';
import type { AwsClients } from './clients';
import type { Discovery } from './discovery';
import type { LogReadBudget } from './log-reading/read-budget';

export interface ProbeOptions {
  /** Send one GET to a public HTTP backend's endpoint. @default false */
  readonly activeHealthCheck: boolean;
  /** Timeout of the active health request in ms. @default 3000 */
  readonly activeHealthCheckTimeoutMs: number;
  /** What one log group may cost. */
  readonly logRead: LogReadBudget;
  /** Backend functions deep-dived; the rest are summarised. @default 5 */
  readonly deepDive: number;
}

export interface ProbeContext {
  readonly incident: Incident;
  readonly clients: AwsClients;
  /** Epoch ms by which the probe must have returned. */
  readonly deadline: number;
  /** Aborts at the probe's timeout or the overall deadline; AWS calls stop by themselves then. */
  readonly signal: AbortSignal;
  readonly options: ProbeOptions;
  /** Shared discovery (the API model, function configuration), each fetched once per diagnosis. */
  readonly discovery: Discovery;
  /** Tells the engine how much of a log group the probe read (everything or a sample). */
  readonly reportCoverage: (coverage: LogCoverage) => void;
}

export type Probe = (ctx: ProbeContext) => Promise<Finding[]>;

/** A short, safe reason from any error: "AccessDeniedException: User ... not authorized ...". */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // A non-AWS answer (an emulator or proxy without this API) fails deserialization.
  if (error.name === 'SyntaxError' || /Deserialization error/i.test(error.message)) {
    return `API not available here (HTTP ${status ?? '?'} with a non-AWS response)`;
  }
  const message = error.message.split('\n')[0]?.trim() ?? '';
  const name = error.name === 'Error' || message.startsWith(error.name) ? '' : `${error.name}: `;
  return `${name}${message}`.slice(0, 300);
}

export function couldNotCheck(probe: ProbeName, what: string, why: string, fix?: string): CouldNotCheckFinding {
  return {
    type: 'could-not-check',
    probe,
    what,
    why,
    summary: `could not check ${what}: ${why}`,
    ...(fix === undefined ? {} : { fix }),
  };
}

export function windowMs(incident: Incident): { start: number; end: number } {
  return { start: Date.parse(incident.window.start), end: Date.parse(incident.window.end) };
}
