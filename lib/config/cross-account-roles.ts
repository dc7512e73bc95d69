/**
 * `crossAccountRoles`: per member account, the IAM role the responder assumes to diagnose the APIs
 * that live there (docs/cross-account.md). Keyed by account and named by its full ARN rather than
 * by a role-name convention: the IAM grant is then exactly the listed ARNs, a role with a path or
 * another name needs no special case, and a role that is not in the account it is listed for is
 * refused here, at synth, instead of reading the wrong account at run time.
 */
import {
  accountOfRoleArn,
  EXTERNAL_ID,
  ROLE_ARN,
  type ReadRoleRuntime,
} from '../../functions/cross-account/read-roles';
import { describe, isRecord, type Issues } from './issues';

/** A role ARN, or the ARN with the ExternalId its trust policy requires. */
export type CrossAccountRoleInput = string | { readonly roleArn: string; readonly externalId?: string };

export interface CrossAccountConfig {
  /**
   * Read roles in other accounts, by account id: `{ '111122223333':
   * 'arn:aws:iam::111122223333:role/apigw-responder-read' }`. Each account must also be in
   * `trustedAccounts`. The responder assumes the role to diagnose an API of that account and to
   * read its alarms' state; without one it reads its own account and says so. Create the role
   * with the ResponderReadRole construct (bin/member-read-role.ts). @default none
   */
  readonly crossAccountRoles?: Readonly<Record<string, CrossAccountRoleInput>>;
}

export const CROSS_ACCOUNT_CONFIG_KEYS = ['crossAccountRoles'];

const ACCOUNT = /^\d{12}$/;
const EXAMPLE = "{ '111122223333': 'arn:aws:iam::111122223333:role/apigw-responder-read' }";

function roleOf(issues: Issues, path: string, value: unknown): { roleArn?: unknown; externalId?: unknown } {
  if (typeof value === 'string') return { roleArn: value };
  if (isRecord(value)) {
    issues.unknownKeys(path, value, ['roleArn', 'externalId']);
    return { roleArn: value.roleArn, externalId: value.externalId };
  }
  issues.add(
    path,
    `${describe(value)} is neither a role ARN nor an object`,
    'Use the role ARN, or { roleArn, externalId }.',
  );
  return {};
}

function validateRole(issues: Issues, account: string, value: unknown, trusted: readonly string[]) {
  const path = `crossAccountRoles.${account}`;
  if (!ACCOUNT.test(account)) {
    issues.add(
      path,
      `"${account}" is not a 12-digit AWS account id`,
      `Key each role by the account it reads: ${EXAMPLE}.`,
    );
    return undefined;
  }
  if (!trusted.includes(account)) {
    issues.add(
      path,
      `account ${account} is not in trustedAccounts`,
      `Its alarms (and alarms on its metrics) are refused before any diagnosis, so the role would never be used: add '${account}' to trustedAccounts, or remove the role.`,
    );
  }
  const { roleArn, externalId } = roleOf(issues, path, value);
  const rolePath = typeof value === 'string' ? path : `${path}.roleArn`;
  if (!issues.text(rolePath, roleArn, ROLE_ARN, `an IAM role ARN, e.g. ${EXAMPLE}`)) return undefined;
  const inAccount = accountOfRoleArn(roleArn);
  if (inAccount !== account) {
    issues.add(
      rolePath,
      `the role is in account ${inAccount ?? '?'}, not ${account}`,
      `A read role reads the account it is in: use a role of account ${account}, or list it under '${inAccount ?? '?'}'.`,
    );
    return undefined;
  }
  if (
    externalId !== undefined &&
    !issues.text(`${path}.externalId`, externalId, EXTERNAL_ID, '2 to 1,224 characters of letters, digits and +=,.@:/-')
  )
    return undefined;
  return externalId === undefined ? { roleArn } : { roleArn, externalId };
}

/** The roles as RESPONDER_CONFIG carries them; every problem reported on `issues`. */
export function validateCrossAccountRoles(
  issues: Issues,
  value: unknown,
  trustedAccounts: readonly string[],
): readonly ReadRoleRuntime[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    issues.add('crossAccountRoles', `${describe(value)} is not an object`, `Use ${EXAMPLE}.`);
    return [];
  }
  return Object.entries(value).flatMap(([account, role]) => {
    const valid = validateRole(issues, account, role, trustedAccounts);
    return valid === undefined ? [] : [valid];
  });
}
