/**
 * What both Lambdas (the responder and the Slack interactions' re-run) do when a read role cannot
 * be assumed: one warning naming the account, the role and STS's reason (made safe at the source),
 * and the ReadRoleFailures count, plain (alarmed on) and by account and kind.
 */
import { countReadRoleFailure } from '../responder/metric-names';
import type { ResponderMetrics } from '../responder/ports';
import { ReadRoleError, type ReadRoleFailure } from './read-role-sessions';

export type Warn = (message: string, extra: Record<string, unknown>) => void;

export function readRoleFailureReporter(
  warn: Warn,
  metrics: ResponderMetrics,
  unavailableMeans: string,
): (error: ReadRoleFailure) => void {
  return (error) => {
    const refused = error instanceof ReadRoleError;
    warn(
      refused
        ? 'read role refused: its API is not diagnosed and its alarms are checked on their claims'
        : `read role not assumed for now: ${unavailableMeans}`,
      { account: error.account, roleArn: error.roleArn, reason: error.reason },
    );
    countReadRoleFailure(metrics, error.account, refused ? 'refused' : 'unavailable');
  };
}
