/**
 * The member-account side of cross-account diagnosis: the read role a central responder assumes
 * to diagnose this account's APIs and to read its alarms' state (docs/cross-account.md).
 *
 * What it may read is what the responder's own role may read in its own account, from the same
 * declarations and the same configuration: the enabled probes' statements scoped to the watched
 * APIs (functions/diagnosis/permissions.ts through grantDiagnosis), the incident graph's
 * GetMetricWidgetImage when the graph is posted (drawn in this account, where the API's metrics
 * are: functions/notify/graph/account-graph.ts), and the provenance gate's
 * DescribeAlarms/DescribeAlarmHistory on this project's alarms (grantReadAlarms). Nothing is
 * listed twice, so a new probe's permission reaches member accounts by itself.
 *
 * Who may assume it: the responder's roles by ARN, as the condition `aws:PrincipalArn` on their
 * account (for a role session IAM compares the role's ARN), plus `sts:ExternalId` when one is set.
 * A condition rather than the role ARNs as principals: IAM rewrites a principal ARN to the role's
 * unique id, so a responder role replaced by a later deployment would silently lose access.
 */
import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import { AccountPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { accountOfRoleArn, readRoleFor } from '../../functions/cross-account/read-roles';
import type { ApiGatewayResponderConfig } from '../config/config';
import type { ResolvedConfig } from '../config/resolved-config';
import { ConfigError } from '../config/config-error';
import { validateConfig } from '../config/validate-config';
import { grantDiagnosis, permissionScopes, responderReads } from '../responder/diagnosis-permissions';
import { WildcardAcknowledgements } from '../responder/wildcard-acknowledgements';
import { grantReadAlarms } from '../trust/alarm-source';

export const DEFAULT_READ_ROLE_NAME = 'apigw-responder-read';

export interface ResponderReadRoleProps {
  /** The responder's configuration (the central stack's file): its APIs, probes, regions and allowed alarms. */
  readonly config: ApiGatewayResponderConfig;
  /** The responder roles that may assume this one: the central stack's ReadRolePrincipal outputs. */
  readonly principalArns: readonly string[];
  /** @default 'apigw-responder-read' (the ARN the central config lists under crossAccountRoles) */
  readonly roleName?: string;
  /** Required in the trust policy when given. @default the config's crossAccountRoles entry for this account, if any */
  readonly externalId?: string;
  /**
   * The region the responder (central stack) runs in: with `regions`, what the role grants, since
   * the responder watches its own region and `regions`, not this stack's.
   * @default this stack's region, with a warning (refused when this stack has none at synth)
   */
  readonly responderRegion?: string;
}

/** The one account all principals are in, or a clear error. */
function responderAccountOf(principalArns: readonly string[]): string {
  if (principalArns.length === 0) {
    throw new ConfigError([
      'principalArns: none given. Deploy the responder stack first and pass its ReadRolePrincipal outputs (docs/cross-account.md).',
    ]);
  }
  const accounts = new Set(principalArns.map((arn) => accountOfRoleArn(arn) ?? `not a role ARN: ${arn}`));
  const [account] = [...accounts];
  if (accounts.size !== 1 || account === undefined || !/^\d{12}$/.test(account)) {
    throw new ConfigError([
      `principalArns: expected the responder's role ARNs, all in its account; got ${[...accounts].join(', ')}.`,
    ]);
  }
  return account;
}

/**
 * The ExternalId the trust policy requires: the one given, else the config's for this account. An
 * environment-agnostic stack (no account at synth) cannot look its account up: when the config
 * names any ExternalId, it refuses rather than silently deploying a trust policy without one.
 */
function externalIdFor(stack: Stack, config: ResolvedConfig, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  if (!Token.isUnresolved(stack.account)) return readRoleFor(config.crossAccountRoles, stack.account)?.externalId;
  const requiring = config.crossAccountRoles.filter((role) => role.externalId !== undefined);
  if (requiring.length === 0) return undefined;
  const accounts = requiring.map((role) => accountOfRoleArn(role.roleArn) ?? role.roleArn).join(', ');
  throw new ConfigError([
    `crossAccountRoles names an ExternalId for ${accounts}, but this stack's account is not known at synth (an environment-agnostic stack), so its trust policy cannot tell whether to require it. Pass -c account=<this member account> (or -c externalId=<value>), or give the stack an env with its account.`,
  ]);
}

/**
 * The responder's region, which the role must grant (review 6 #4): a member stack deployed in its
 * home region would otherwise grant that region, not the one the responder watches.
 */
function responderRegionOf(scope: Construct, given: string | undefined): string {
  if (given !== undefined) return given;
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) {
    throw new ConfigError([
      "responderRegion: unknown. The role must grant the region the responder runs in, and this stack's region is not known at synth. Give the responder config an env.region, pass -c responderRegion=<the responder's region> (or -c region=...), or set the construct's responderRegion.",
    ]);
  }
  Annotations.of(scope).addWarningV2(
    'apigw-responder:responder-region',
    `responderRegion not given: the role grants this stack's region ${region} and the config's regions; if the responder runs in another region, pass responderRegion (-c responderRegion=...).`,
  );
  return region;
}

export class ResponderReadRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ResponderReadRoleProps) {
    super(scope, id);
    const config = validateConfig(props.config);
    const stack = Stack.of(this);
    const roleName = props.roleName ?? DEFAULT_READ_ROLE_NAME;
    // A stack with a concrete account finds its own entry (and ExternalId) in the config.
    const listed = Token.isUnresolved(stack.account) ? undefined : readRoleFor(config.crossAccountRoles, stack.account);
    const responderAccount = responderAccountOf(props.principalArns);
    const externalId = externalIdFor(stack, config, props.externalId);
    if (listed !== undefined && !listed.roleArn.endsWith(`:role/${roleName}`)) {
      Annotations.of(this).addWarningV2(
        'apigw-responder:read-role-name',
        `crossAccountRoles lists ${listed.roleArn} for this account, but this role is named ${roleName}: the responder would assume a role that does not exist.`,
      );
    }

    this.role = new Role(this, 'Role', {
      roleName,
      description: "apigw-responder: the central responder's read-only diagnosis of this account's watched APIs",
      maxSessionDuration: Duration.hours(1),
      assumedBy: new AccountPrincipal(responderAccount).withConditions({
        ArnEquals: { 'aws:PrincipalArn': [...props.principalArns] },
        ...(externalId === undefined ? {} : { StringEquals: { 'sts:ExternalId': externalId } }),
      }),
    });
    const acknowledgements = new WildcardAcknowledgements(this);
    const home = responderRegionOf(this, props.responderRegion);
    grantDiagnosis(this.role, permissionScopes(this, config, home), responderReads(config), acknowledgements);
    grantReadAlarms(this, this.role, config.trust, acknowledgements, home);
    acknowledgements.applyTo(this.role);
  }
}
