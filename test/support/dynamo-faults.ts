/**
 * Fault injection between the handler and DynamoDB: a real DynamoDB client (on the emulator)
 * with a middleware that fails the calls a test picks, before they leave (an outage) or after the
 * emulator applied them (the answer was lost). The rest of the stack — the document client's
 * marshalling, the conditional writes, the table — is the real one.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What the middleware sees of a call: the command and its (marshalled) input as JSON. */
export interface DynamoCall {
  readonly command: string;
  readonly input: string;
}

export interface DynamoFaultRule {
  readonly when: (call: DynamoCall) => boolean;
  /** How many matching calls fail. @default 1 */
  times?: number;
  /** The call reaches the table, then fails. @default false */
  readonly afterApplied?: boolean;
  /** @default a passing outage (ServiceUnavailable) */
  readonly error?: () => Error;
}

export function outageError(): Error {
  const error = new Error('injected: DynamoDB is unavailable');
  error.name = 'ServiceUnavailable';
  return error;
}

export function faultyDynamoClient(endpoint: string, region: string) {
  const rules: DynamoFaultRule[] = [];
  const failed: DynamoCall[] = [];
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const call: DynamoCall = { command: context.commandName ?? '', input: JSON.stringify(args.input) };
      const rule = rules.find((r) => (r.times ?? 1) > 0 && r.when(call));
      if (rule === undefined) return next(args);
      rule.times = (rule.times ?? 1) - 1;
      failed.push(call);
      const error = (rule.error ?? outageError)();
      if (rule.afterApplied === true) await next(args);
      throw error;
    },
    { step: 'initialize', name: 'injectDynamoFaults' },
  );
  return {
    client,
    failed,
    /** Fails the next matching call(s). */
    fail(rule: DynamoFaultRule): void {
      rules.push(rule);
    },
    clear(): void {
      rules.length = 0;
      failed.length = 0;
    },
  };
}
