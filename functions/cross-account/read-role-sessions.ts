/**
 * Credentials of the member accounts' read roles, from STS AssumeRole: one call per account per
 * invocation (the provenance gate, every probe and every region of the invocation share it), a
 * short session (15 minutes, STS's minimum), and never reused across invocations, because the
 * session name names the incident the reads are for. A failure is remembered for the invocation
 * too: nine probes do not ask STS nine times for a role that cannot be assumed.
 *
 * The credentials never leave this module except to an SDK client: they are not logged, not put
 * in an error message, not returned in a finding. A failure's reason is STS's message made safe
 * (functions/redact: no URL, nothing shaped like a secret).
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { reasonOf } from '../diagnosis/probe';
import { safeErrorText } from '../redact';
import { accountOfRoleArn, type ReadRoleRuntime } from './read-roles';

/** STS's minimum; an invocation lasts at most a minute. */
export const SESSION_SECONDS = 900;
/** Credentials closer than this to their expiry are not handed out again (a long-lived CLI process). */
const EXPIRY_MARGIN_MS = 60_000;

/** AssumeRole's input and the parts of its output used here (the SDK's shapes). */
export interface AssumeRoleRequest {
  readonly RoleArn: string;
  readonly RoleSessionName: string;
  readonly DurationSeconds: number;
  readonly ExternalId?: string;
}
export interface AssumeRoleAnswer {
  readonly Credentials?: {
    readonly AccessKeyId?: string;
    readonly SecretAccessKey?: string;
    readonly SessionToken?: string;
    readonly Expiration?: Date;
  };
}
export type AssumeRole = (request: AssumeRoleRequest) => Promise<AssumeRoleAnswer>;

/** The role could not be assumed: what the finding and the log say, with no credential in it. */
export class ReadRoleError extends Error {
  override readonly name = 'ReadRoleError';
  constructor(
    readonly account: string,
    readonly roleArn: string,
    readonly reason: string,
  ) {
    super(`could not assume ${roleArn} to read account ${account}: ${reason}`);
  }
}

export interface ReadRoleSessions {
  /** The role's credentials for this invocation; rejects with ReadRoleError. */
  credentials(role: ReadRoleRuntime, sessionName: string): Promise<AwsCredentialIdentity>;
  /** A new invocation starts: forget every session and failure of the last one. */
  reset(): void;
}

export interface ReadRoleSessionOptions {
  readonly assumeRole: AssumeRole;
  /** Told once per account and invocation when the role cannot be assumed (the responder logs it). */
  readonly onFailure?: (error: ReadRoleError) => void;
  readonly now?: () => number;
}

function credentialsOf(answer: AssumeRoleAnswer): AwsCredentialIdentity | undefined {
  const c = answer.Credentials;
  if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined) return undefined;
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
  };
}

export function createReadRoleSessions(options: ReadRoleSessionOptions): ReadRoleSessions {
  const now = options.now ?? Date.now;
  let byAccount = new Map<string, Promise<AwsCredentialIdentity>>();

  async function assume(role: ReadRoleRuntime, account: string, session: string): Promise<AwsCredentialIdentity> {
    let answer: AssumeRoleAnswer;
    try {
      answer = await options.assumeRole({
        RoleArn: role.roleArn,
        RoleSessionName: session,
        DurationSeconds: SESSION_SECONDS,
        ...(role.externalId === undefined ? {} : { ExternalId: role.externalId }),
      });
    } catch (error) {
      throw new ReadRoleError(account, role.roleArn, safeErrorText(reasonOf(error), [role.externalId ?? '']));
    }
    const credentials = credentialsOf(answer);
    if (credentials === undefined) throw new ReadRoleError(account, role.roleArn, 'STS returned no credentials');
    return credentials;
  }

  const fresh = (credentials: AwsCredentialIdentity): boolean =>
    credentials.expiration === undefined || credentials.expiration.getTime() - EXPIRY_MARGIN_MS > now();

  return {
    async credentials(role, sessionName) {
      const account = accountOfRoleArn(role.roleArn) ?? 'unknown';
      const cached = byAccount.get(account);
      if (cached !== undefined) {
        const credentials = await cached;
        if (fresh(credentials)) return credentials;
      }
      const pending = assume(role, account, sessionName);
      byAccount.set(account, pending);
      pending.catch((error: unknown) => {
        if (error instanceof ReadRoleError) options.onFailure?.(error);
      });
      return pending;
    },
    reset() {
      byAccount = new Map();
    },
  };
}
