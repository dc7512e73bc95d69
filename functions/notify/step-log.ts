/**
 * Resumable multi-call deliveries: when an attempt fails half-way (the Slack thread reply went
 * out, chat.update did not), the retry of the same summary skips the steps that already
 * succeeded instead of posting them twice. Progress is forgotten once a delivery completes, so
 * a later delivery of an identical summary starts afresh. In memory, per notifier.
 */
import type { IncidentSummary } from '../types';

const MAX_PENDING = 200;

/** Runs one named step once per delivery attempt sequence. */
export type Step = <T>(name: string, action: () => Promise<T>) => Promise<T>;

export interface StepLog {
  /** Run `body` with a `step` function; progress survives a throw and is dropped on success. */
  within<T>(summary: IncidentSummary, body: (step: Step) => Promise<T>): Promise<T>;
}

export function createStepLog(): StepLog {
  const pending = new Map<string, Map<string, unknown>>();
  return {
    async within<T>(summary: IncidentSummary, body: (step: Step) => Promise<T>): Promise<T> {
      const key = `${summary.incidentId}|${summary.kind}|${summary.stateChangeTime}`;
      const done = pending.get(key) ?? new Map<string, unknown>();
      const step: Step = async <S>(name: string, action: () => Promise<S>): Promise<S> => {
        if (done.has(name)) return done.get(name) as S;
        const result = await action();
        done.set(name, result);
        return result;
      };
      try {
        const result = await body(step);
        pending.delete(key);
        return result;
      } catch (error) {
        if (done.size > 0) {
          if (pending.size >= MAX_PENDING) pending.clear();
          pending.set(key, done);
        }
        throw error;
      }
    },
  };
}
