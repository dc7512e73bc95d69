/** IAM roles and inline policies: created by the emulator's CloudFormation; read back as documents. */
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { asStringList, policyDocument } from './pick';
import type { ResourceHandler } from './resource-handler';

export const role: ResourceHandler = {
  attributes: (name, context) => ({ Arn: `arn:aws:iam::${context.account}:role/${name}`, RoleId: name }),
  async read(name, properties, context) {
    const iam = new IAMClient(context.clientConfig);
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
    const deployed: Record<string, unknown> = {
      AssumeRolePolicyDocument: policyDocument(Role?.AssumeRolePolicyDocument),
      Path: Role?.Path,
    };
    if ('Description' in properties) deployed['Description'] = Role?.Description;
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    deployed['ManagedPolicyArns'] = (attached.AttachedPolicies ?? []).map((policy) => policy.PolicyArn);
    return deployed;
  },
  defaults: { Path: '/', ManagedPolicyArns: [] },
};

export const policy: ResourceHandler = {
  async read(_id, properties, context) {
    const iam = new IAMClient(context.clientConfig);
    const name = String(properties['PolicyName']);
    const roles = asStringList(properties['Roles']);
    const deployed: Record<string, unknown> = { PolicyName: name, Roles: roles };
    for (const roleName of roles) {
      const found = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name }));
      deployed['PolicyDocument'] = policyDocument(found.PolicyDocument);
      if (JSON.stringify(deployed['PolicyDocument']) !== JSON.stringify(properties['PolicyDocument'])) break;
    }
    if ('Users' in properties || 'Groups' in properties) {
      deployed['Users/Groups'] = 'not verified: policies attached to users or groups';
    }
    return deployed;
  },
};
