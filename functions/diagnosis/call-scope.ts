/**
 * Which probe is calling AWS: an async-local scope per probe run. One middleware on every client
 * records "Service.Operation" into the caller's scope and stops the call when the scope's signal
 * aborts (the probe's timeout or the overall deadline), so probes need not pass signals around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pluggable } from '@smithy/types';

export interface CallScope {
  /** Operations made in this scope, in call order. */
  readonly calls: string[];
  readonly signal?: AbortSignal;
}

export const callScope = new AsyncLocalStorage<CallScope>();

/** "APIGatewayClient" + "GetStageCommand" -> "APIGateway.GetStage". */
export function operationName(clientName: string | undefined, commandName: string | undefined): string {
  return `${(clientName ?? 'Unknown').replace(/Client$/, '')}.${(commandName ?? 'Unknown').replace(/Command$/, '')}`;
}

export class AbortedError extends Error {
  override readonly name = 'AbortedError';
}

/** The error an aborted signal's waiters fail with: its reason, or an AbortedError naming it. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new AbortedError(typeof reason === 'string' ? reason : 'aborted');
}

/**
 * Error names that mean "the run was stopped", never "this call failed": the SDK's (and fetch's)
 * AbortError, this module's AbortedError (the engine's deadline and probe ends), the engine's
 * probe timeout. Not the SDK's TimeoutError: one request timing out is that call's failure.
 */
const ABORT_NAMES: ReadonlySet<string> = new Set(['AbortError', 'AbortedError', 'ProbeTimeoutError']);

/**
 * The one abort check: whether `error` ended work because the run was stopped (so it must
 * propagate, not be reported as that call's failure). True when the signal has fired (by
 * default the calling probe's or shared call's scope signal) or the error is an abort by name.
 */
export function isAbort(error: unknown, signal: AbortSignal | undefined = callScope.getStore()?.signal): boolean {
  if (signal?.aborted === true) return true;
  return error instanceof Error && ABORT_NAMES.has(error.name);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Listener for every call any client makes (the CLI's progress, the bench's call count). */
export type CallListener = (operation: string) => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function callTrackerPlugin(listener?: CallListener): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const operation = operationName(context.clientName, context.commandName);
          const scope = callScope.getStore();
          scope?.calls.push(operation);
          listener?.(operation);
          if (scope?.signal === undefined) return next(args);
          return raceAbort(next(args), scope.signal);
        },
        { step: 'initialize', name: 'apigwResponderCallTracker', priority: 'high', override: true },
      );
    },
  };
}
