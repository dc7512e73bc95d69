/**
 * The probes' AWS clients for the account an API lives in. This account's are the warm per-region
 * clients, as before; another account's are built per incident session with its read role's
 * credentials (read-role-sessions.ts). Without a configured role, or with a role refused for good,
 * there are no clients at all: this account's would read a same-named API of the wrong account
 * and name its cause with confidence (cross-account-diagnosis.ts says so instead). A passing STS
 * failure is thrown (ReadRoleUnavailableError): the record fails and is retried.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import type { AwsClients } from '../diagnosis/clients';
import type { ReadRoleRuntime } from './read-roles';
import { readRoleFor } from './read-roles';
import { credentialScrub, type Scrub } from './credential-scrub';
import { ReadRoleError, type ReadRoleSessions } from './read-role-sessions';

export type AccountAccess =
  /** The responder's own account: its own clients. */
  | { readonly kind: 'own'; readonly clients: AwsClients }
  /** Another account, through its read role; `scrub` takes the session's credentials out of a result. */
  | { readonly kind: 'assumed'; readonly clients: AwsClients; readonly roleArn: string; readonly scrub: Scrub }
  /** Another account with no read role configured: nothing can be read there. */
  | { readonly kind: 'no-role'; readonly account: string }
  /** Another account whose read role could not be assumed: no clients at all. */
  | { readonly kind: 'failed'; readonly error: ReadRoleError };

export interface AccountClients {
  /**
   * Clients for `account` in `region`; `sessionName` names the incident the reads are for. Throws
   * only a passing failure (ReadRoleUnavailableError); a definitive one is the `failed` answer.
   */
  access(region: string, account: string, sessionName: string): Promise<AccountAccess>;
  /** Whether `account` has a read role (the provenance gate reads its alarms only then). */
  hasRole(account: string): boolean;
  /** A new invocation: drop the last one's sessions and failures (and so the clients built on them). */
  reset(): void;
}

export interface AccountClientsOptions {
  /** The responder's own account. */
  readonly ownAccount: string;
  readonly roles: readonly ReadRoleRuntime[];
  /** This account's clients for a region (kept warm across invocations). */
  readonly own: (region: string) => Promise<AwsClients>;
  readonly sessions: ReadRoleSessions;
  /** Clients for a region with another account's credentials. */
  readonly make: (region: string, credentials: AwsCredentialIdentity) => Promise<AwsClients>;
}

export function createAccountClients(options: AccountClientsOptions): AccountClients {
  // Per set of credentials (a new session gets new clients), then per region.
  const built = new WeakMap<AwsCredentialIdentity, Map<string, Promise<AwsClients>>>();
  return {
    async access(region, account, sessionName) {
      if (account === options.ownAccount) return { kind: 'own', clients: await options.own(region) };
      const role = readRoleFor(options.roles, account);
      if (role === undefined) return { kind: 'no-role', account };
      let credentials: AwsCredentialIdentity;
      try {
        credentials = await options.sessions.credentials(role, sessionName);
      } catch (error) {
        if (error instanceof ReadRoleError) return { kind: 'failed', error };
        throw error;
      }
      const byRegion = built.get(credentials) ?? new Map<string, Promise<AwsClients>>();
      built.set(credentials, byRegion);
      let clients = byRegion.get(region);
      if (clients === undefined) {
        clients = options.make(region, credentials);
        byRegion.set(region, clients);
      }
      return { kind: 'assumed', clients: await clients, roleArn: role.roleArn, scrub: credentialScrub(credentials) };
    },
    hasRole: (account) => readRoleFor(options.roles, account) !== undefined,
    reset: () => options.sessions.reset(),
  };
}
