/**
 * An assumed session's credentials taken out of every error its clients throw, at the source
 * (review 6 #9): an IncompleteSignatureException can echo the key id and token it was signed with,
 * and such an error reaches more than the diagnosis (the gate's reasons and retry log, an engine
 * error's log line, the thrown invocation error) and X-Ray, whose middleware records each failed
 * call's message in its subsegment. This middleware sits in the `deserialize` step, inside X-Ray's
 * (`build`) and the retries (`finalizeRequest`), so each of them already sees the scrubbed message.
 */
import type { Pluggable } from '@smithy/types';

export const SCRUB_ERRORS_MIDDLEWARE = 'apigwResponderCredentialScrub';

/** A client plugin that rewrites a failed call's error message (and stack) through `scrub`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function scrubErrorsPlugin(scrub: (text: string) => string): Pluggable<any, any> {
  return {
    applyToStack: (stack) => {
      stack.add(
        (next) => async (args) => {
          try {
            return await next(args);
          } catch (error) {
            if (error instanceof Error) {
              error.message = scrub(error.message);
              if (error.stack !== undefined) error.stack = scrub(error.stack);
            }
            throw error;
          }
        },
        { step: 'deserialize', priority: 'high', name: SCRUB_ERRORS_MIDDLEWARE },
      );
    },
  };
}
