/**
 * The read roles the responder assumes to diagnose APIs that live in another account (a central
 * monitoring account watching member accounts of an organisation): one IAM role per member
 * account, named by its full ARN in the configuration (`crossAccountRoles`). The account is the
 * ARN's own, so a role can never be used for an account it is not in. Pure data: no SDK here, the
 * CDK app and the Lambda share it.
 */

/** One read role, as RESPONDER_CONFIG carries it. */
export interface ReadRoleRuntime {
  /** arn:<partition>:iam::<member account>:role/<path/>name */
  readonly roleArn: string;
  /** Passed as AssumeRole's ExternalId when the member's trust policy asks for one. @default none */
  readonly externalId?: string;
}

/** An IAM role ARN: partition, 12-digit account, optional path, a name of at most 64 characters. */
export const ROLE_ARN = /^arn:aws(?:-cn|-us-gov|-iso[a-z]?)?:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

/** AssumeRole's ExternalId: 2 to 1,224 of these characters. */
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** The account a role ARN is in, or undefined when it is not a role ARN. */
export function accountOfRoleArn(roleArn: string): string | undefined {
  return ROLE_ARN.exec(roleArn)?.[1];
}

/** The read role configured for `account`, if any. */
export function readRoleFor(roles: readonly ReadRoleRuntime[], account: string): ReadRoleRuntime | undefined {
  return roles.find((role) => accountOfRoleArn(role.roleArn) === account);
}
