/**
 * The probes' AWS clients for the account an API lives in. This account's are the warm per-region
 * clients, as before; another account's are built for the invocation with its read role's
 * credentials (read-role-sessions.ts). Without a configured role the answer says so and hands out
 * this account's clients: the diagnosis then runs as it always did, and the summary says why it
 * may find nothing (cross-account-diagnosis.ts). It never quietly reads the wrong account.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import type { AwsClients } from '../diagnosis/clients';
import type { ReadRoleRuntime } from './read-roles';
import { readRoleFor } from './read-roles';
import { ReadRoleError, type ReadRoleSessions } from './read-role-sessions';

export type AccountAccess =
  /** The responder's own account: its own clients. */
  | { readonly kind: 'own'; readonly clients: AwsClients }
  /** Another account, through its read role. */
  | { readonly kind: 'assumed'; readonly clients: AwsClients; readonly roleArn: string }
  /** Another account with no read role configured: this account's clients, and the reason to say so. */
  | { readonly kind: 'no-role'; readonly clients: AwsClients; readonly account: string }
  /** Another account whose read role could not be assumed: no clients at all. */
  | { readonly kind: 'failed'; readonly error: ReadRoleError };

export interface AccountClients {
  /** Clients for `account` in `region`; `sessionName` names the incident the reads are for. Never throws for a role. */
  access(region: string, account: string, sessionName: string): Promise<AccountAccess>;
  /** Whether `account` has a read role (the provenance gate reads its alarms only then). */
  hasRole(account: string): boolean;
  /** A new invocation: drop the last one's sessions (and so the clients built on them). */
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
      if (role === undefined) return { kind: 'no-role', clients: await options.own(region), account };
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
      return { kind: 'assumed', clients: await clients, roleArn: role.roleArn };
    },
    hasRole: (account) => readRoleFor(options.roles, account) !== undefined,
    reset: () => options.sessions.reset(),
  };
}
