import type { DestinationName, SendContext } from '../../../../functions/types';

/** The responder's per-event context as a notifier sees it: the steps done so far, each new one recorded in `done`. */
export function recordingContext(eventKey: string, outcome: SendContext['outcome'], done: string[] = []) {
  return (_: DestinationName): SendContext => ({
    eventKey,
    outcome,
    done,
    resumed: false,
    step: (name) => {
      done.push(name);
      return Promise.resolve();
    },
  });
}
