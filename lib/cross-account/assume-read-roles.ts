/**
 * The central side of cross-account diagnosis: a responder role may assume exactly the configured
 * read roles (never a wildcard), and its ARN is a stack output, because each member account's
 * read role trusts that ARN (bin/member-read-role.ts takes the outputs as `principalArns`).
 */
import { CfnOutput } from 'aws-cdk-lib';
import { PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { ReadRoleRuntime } from '../../functions/cross-account/read-roles';

/** Grants `role` sts:AssumeRole on the read roles and outputs its ARN; nothing without read roles. */
export function allowReadRoles(scope: Construct, role: IRole, readRoles: readonly ReadRoleRuntime[]): void {
  if (readRoles.length === 0) return;
  role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['sts:AssumeRole'], resources: readRoles.map((r) => r.roleArn) }),
  );
  new CfnOutput(scope, 'ReadRolePrincipal', {
    value: role.roleArn,
    description: "apigw-responder: a role the member accounts' read roles must trust (docs/cross-account.md)",
  });
}
