/**
 * The account clients as the Lambdas (responder and Slack interactions) build them from
 * RESPONDER_CONFIG: this account's warm clients, the configured read roles, and STS in the
 * function's own region, loaded only when an incident of another account first needs it.
 */
import type { AwsClients } from '../diagnosis/clients';
import type { CloudWatchFor } from '../provenance/alarm-state-reader';
import type { ResponderRuntimeConfig } from '../runtime-config';
import { createAccountClients, type AccountClients } from './account-clients';
import { credentialTextScrub } from './credential-scrub';
import { createReadRoleSessions, type AssumeRole, type ReadRoleFailure } from './read-role-sessions';
import { scrubErrorsPlugin } from './scrub-errors-plugin';

export interface ReadRoleWiring {
  /** This account's clients for a region. */
  readonly own: (region: string) => Promise<AwsClients>;
  /** Applied to every set of clients built with a read role (the responder traces them). */
  readonly decorate?: (clients: AwsClients) => AwsClients;
  /** Told when a role cannot be assumed (a definitive failure once per account and invocation). */
  readonly onFailure?: (error: ReadRoleFailure) => void;
}

/** AssumeRole through an STS client created on first use, with the probes' short timeouts. */
function stsAssumeRole(region: string): AssumeRole {
  let send: Promise<AssumeRole> | undefined;
  return async (request) => {
    send ??= import('@aws-sdk/client-sts').then(({ STSClient, AssumeRoleCommand }) => {
      const client = new STSClient({
        region,
        maxAttempts: 2,
        requestHandler: { requestTimeout: 5_000, connectionTimeout: 3_000, throwOnRequestTimeout: true },
      });
      return (input) => client.send(new AssumeRoleCommand(input));
    });
    return (await send)(request);
  };
}

export function accountClientsFor(config: ResponderRuntimeConfig, wiring: ReadRoleWiring): AccountClients {
  const decorate = wiring.decorate ?? ((clients: AwsClients) => clients);
  return createAccountClients({
    ownAccount: config.trust.account,
    roles: config.crossAccountRoles ?? [],
    own: wiring.own,
    sessions: createReadRoleSessions({
      assumeRole: stsAssumeRole(config.trust.region),
      ...(wiring.onFailure === undefined ? {} : { onFailure: wiring.onFailure }),
    }),
    make: async (region, credentials) => {
      const { createAwsClients } = await import('../diagnosis/clients');
      // Errors are cleaned of the session's credentials before X-Ray, the logs or a reason see them.
      const plugins = [scrubErrorsPlugin(credentialTextScrub(credentials))];
      return decorate(createAwsClients({ region, credentials, plugins }));
    },
  });
}

/**
 * The provenance gate's CloudWatch: this account's for its own alarms, the alarm account's read
 * role for another's. A role that cannot be assumed throws its ReadRoleError (refused for good: the
 * gate then checks those alarms on their claims and says so) or ReadRoleUnavailableError (passing:
 * the gate has those records retried); an account without a role is never asked for (the gate's
 * `readsAccount`), and is refused here rather than read in the wrong account.
 */
export function alarmCloudWatch(accounts: AccountClients, own: (region: string) => Promise<AwsClients>): CloudWatchFor {
  return async (region, where) => {
    if (where === undefined) return (await own(region)).cloudWatch;
    const access = await accounts.access(region, where.account, where.sessionName);
    if (access.kind === 'failed') throw access.error;
    if (access.kind === 'no-role')
      throw new Error(`no read role for account ${where.account}: its alarms cannot be read`);
    return access.clients.cloudWatch;
  };
}
