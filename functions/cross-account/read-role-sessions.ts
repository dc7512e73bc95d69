/**
 * Credentials of the member accounts' read roles, from STS AssumeRole. One session per incident
 * and account within an invocation: the session name names the incident (session-name.ts), so the
 * member's CloudTrail shows which incident every read was for; the provenance gate, every probe
 * and every region of that incident share it. A short session (15 minutes, STS's minimum), never
 * reused across invocations.
 *
 * Failures come in two kinds (role-errors.ts). A definitive one (the role is missing, not trusted,
 * wants another ExternalId) is a ReadRoleError, remembered per account for the invocation: nine
 * probes and the next incident do not ask STS again. A passing one (throttled, timed out, an STS
 * 5xx, a network reset) is a ReadRoleUnavailableError and is never remembered: the caller fails
 * the record so Lambda retries it.
 *
 * The credentials never leave this module except to an SDK client: they are not logged, not put
 * in an error message, not returned in a finding. A failure's reason is STS's message made safe
 * (functions/redact: no URL, nothing shaped like a secret). The ExternalId is not treated as a
 * secret (docs/cross-account.md): it sits in the configuration and the member's trust policy.
 */
import type { AwsCredentialIdentity } from '@smithy/types';
import { isDefinitiveRoleError, safeReasonOf } from './role-errors';
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
export abstract class ReadRoleFailure extends Error {
  constructor(
    readonly account: string,
    readonly roleArn: string,
    readonly reason: string,
  ) {
    super(`could not assume ${roleArn} to read account ${account}: ${reason}`);
  }
}

/** A definitive failure: the role cannot be used as configured (missing, not trusted, another ExternalId). */
export class ReadRoleError extends ReadRoleFailure {
  override readonly name = 'ReadRoleError';
}

/** A passing failure (throttled, timed out, STS unavailable): the record fails and is retried. */
export class ReadRoleUnavailableError extends ReadRoleFailure {
  override readonly name = 'ReadRoleUnavailableError';
}

export interface ReadRoleSessions {
  /** The role's credentials for this incident's session; rejects with ReadRoleError or ReadRoleUnavailableError. */
  credentials(role: ReadRoleRuntime, sessionName: string): Promise<AwsCredentialIdentity>;
  /** A new invocation starts: forget every session and failure of the last one. */
  reset(): void;
}

export interface ReadRoleSessionOptions {
  readonly assumeRole: AssumeRole;
  /**
   * Told of every failed AssumeRole (the responder logs and counts it): a definitive one once per
   * account and invocation, a passing one each time.
   */
  readonly onFailure?: (error: ReadRoleFailure) => void;
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
  /** Per account and session name: one incident's reads, in every region. */
  let sessions = new Map<string, Promise<AwsCredentialIdentity>>();
  /** Per account: a role refused for good is refused whatever the session is called. */
  let refused = new Map<string, ReadRoleError>();

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
      const reason = safeReasonOf(error);
      throw isDefinitiveRoleError(error)
        ? new ReadRoleError(account, role.roleArn, reason)
        : new ReadRoleUnavailableError(account, role.roleArn, reason);
    }
    const credentials = credentialsOf(answer);
    // Not a refusal: an answer STS should never give. Retried, then kept in the dead-letter queue.
    if (credentials === undefined)
      throw new ReadRoleUnavailableError(account, role.roleArn, 'STS returned no credentials');
    return credentials;
  }

  const fresh = (credentials: AwsCredentialIdentity): boolean =>
    credentials.expiration === undefined || credentials.expiration.getTime() - EXPIRY_MARGIN_MS > now();

  return {
    async credentials(role, sessionName) {
      const account = accountOfRoleArn(role.roleArn) ?? 'unknown';
      const known = refused.get(account);
      if (known !== undefined) throw known;
      const key = `${account}#${sessionName}`;
      const cached = sessions.get(key);
      if (cached !== undefined) {
        const credentials = await cached;
        if (fresh(credentials)) return credentials;
      }
      const pending = assume(role, account, sessionName);
      sessions.set(key, pending);
      const current = sessions;
      pending.catch((error: unknown) => {
        // Only credentials are kept: a passing failure is asked again, a definitive one is refused by account.
        if (current.get(key) === pending) current.delete(key);
        if (error instanceof ReadRoleError && current === sessions) refused.set(account, error);
        if (error instanceof ReadRoleFailure) options.onFailure?.(error);
      });
      return pending;
    },
    reset() {
      sessions = new Map();
      refused = new Map();
    },
  };
}
