/**
 * Resumable multi-call deliveries: when an attempt fails half-way (the Slack thread reply went
 * out, chat.update did not), the retry of the same event skips the steps that already succeeded
 * instead of posting them twice. The steps done are kept in the event record by the responder
 * (SendContext.done / step), not in memory: a retry in another container knows them too.
 * Without a context (a direct call) every step runs.
 */
import type { SendContext } from '../types';

/** Runs one named step unless the event record says it is done, then records it. */
export type Step = (name: string, action: () => Promise<unknown>) => Promise<void>;

export function stepsOf(context: SendContext | undefined): Step {
  return async (name, action) => {
    if (context?.done.includes(name) === true) return;
    await action();
    await context?.step?.(name);
  };
}
