/**
 * The incident graph, drawn by CloudWatch in the account the API lives in (incident-keys.ts's
 * apiAccount, kept on the summary as apiAccountId): the responder's own account with its own
 * clients, a member account through that account's read role, with the same clients and the same
 * session the incident's diagnosis used (account-clients.ts: one AssumeRole per incident and
 * account, named for the incident). Drawn anywhere else, the graph would be an empty chart of a
 * metric that account does not have, posted to on-call as if it were evidence.
 *
 * A cross-account METRIC alarm (the central account's alarm on a member's metric) is drawn in the
 * member account too, not where the alarm is. The central account can draw another account's
 * metric only with CloudWatch cross-account observability (an OAM sink and link, and the widget's
 * metrics naming their `accountId`), which the responder cannot see from here and most
 * organisations that watch members through read roles have not set up: without it, the central
 * drawing is exactly the empty chart above. The member's own CloudWatch always has its metric, the
 * read role the diagnosis already assumed may draw it (GetMetricWidgetImage is in the one grant
 * list, lib/responder/diagnosis-permissions.ts), and the alarm's threshold and the onset are
 * drawn as annotations from the summary whichever account draws the lines.
 *
 * When the API's account cannot be read, there is no graph and the destination says why:
 *
 *   no read role          "no read role for account X"
 *   role refused          "the read role for account X could not be assumed: <STS's reason>"
 *   STS passing failure   "... could not be assumed for now: <reason>" (the graph never fails a delivery)
 *   role may not draw it  AccessDenied from an out-of-date member stack: "... redeploy the member's read role"
 *
 * Reasons are made safe (functions/redact: no URL, nothing shaped like a secret) and cleaned of the
 * session's own credentials by value (credential-scrub.ts): an error can echo the signed request.
 * Any other failure is thrown, and the notifier posts the incident without a graph, as before.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { AccountAccess, AccountClients } from '../../cross-account/account-clients';
import { CROSS_ACCOUNT_DOCS } from '../../cross-account/cross-account-diagnosis';
import { ReadRoleUnavailableError } from '../../cross-account/read-role-sessions';
import { isAccessDenied, safeReasonOf } from '../../cross-account/role-errors';
import { incidentSessionName } from '../../cross-account/session-name';
import { apiStageOf } from '../../incidents/incident-keys';
import type { IncidentSummary } from '../../types';
import type { GraphImage, IncidentGraph } from './incident-graph';
import { widgetImageReader, type WidgetImage } from './widget-image';

/** The API's account as the read-role clients see it, or why it cannot be read. */
async function accessOrMissing(
  accounts: AccountClients,
  summary: IncidentSummary,
): Promise<AccountAccess | { readonly missing: string }> {
  const { region, accountId } = apiStageOf(summary);
  try {
    return await accounts.access(region, accountId, incidentSessionName(summary));
  } catch (error) {
    if (!(error instanceof ReadRoleUnavailableError)) throw error;
    return { missing: `the read role for account ${accountId} could not be assumed for now: ${error.reason}` };
  }
}

/** The graph of each incident in its API's account. `reader` draws it with one account's CloudWatch. */
export function accountGraph(
  accounts: AccountClients,
  reader: (cloudWatch: Pick<CloudWatchClient, 'send'>) => WidgetImage = widgetImageReader,
): GraphImage {
  const drawn = async (image: Promise<Uint8Array | undefined>): Promise<IncidentGraph | undefined> => {
    const png = await image;
    return png === undefined ? undefined : { png };
  };
  return async (summary, signal) => {
    const access = await accessOrMissing(accounts, summary);
    if ('missing' in access) return access;
    switch (access.kind) {
      case 'own':
        return drawn(reader(access.clients.cloudWatch)(summary, signal));
      case 'no-role':
        return { missing: `no read role for account ${access.account} (the graph is drawn in the API's account)` };
      case 'failed':
        return {
          missing: `the read role for account ${access.error.account} could not be assumed: ${access.error.reason}`,
        };
      case 'assumed':
        try {
          return await drawn(reader(access.clients.cloudWatch)(summary, signal));
        } catch (error) {
          const reason = access.scrub(safeReasonOf(error));
          if (!isAccessDenied(error)) {
            // Not with the caught error as its cause: it may echo the session's credentials.
            // eslint-disable-next-line preserve-caught-error
            throw new Error(`the graph in account ${apiStageOf(summary).accountId}: ${reason}`);
          }
          return {
            missing: `the read role ${access.roleArn} may not draw it (${reason}); redeploy the member's read role (${CROSS_ACCOUNT_DOCS})`,
          };
        }
    }
  };
}
