/**
 * Cross-account diagnosis at synth: crossAccountRoles validated with specific errors; the
 * responder's (and the Slack interactions') role may assume exactly the listed roles; the member
 * account's read role trusts those roles only and grants exactly the diagnosis reads the
 * responder has in its own account (the one declaration, not a copy).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { ApiGatewayResponderConfig, AppConfig } from '../../lib';
import { buildApp, validateConfig } from '../../lib';
import { buildMemberApp } from '../../lib/cross-account/member-app';
import { parseRuntimeConfig } from '../../functions/responder/runtime-config-schema';
import { RUNTIME_CONFIG } from '../support/runtime-config';
import { diagnosisGrants, grants } from './grant-pairs';
import { asList, FULL_CONFIG, NO_BUNDLING, policyStatements, resourcesOfType, SLACK_BOT_WITH_BUTTONS } from './support';

const CENTRAL = '123456789012';
const MEMBER = '111122223333';
const ROLE = `arn:aws:iam::${MEMBER}:role/apigw-responder-read`;
const OTHER = '444455556666';
const OTHER_ROLE = `arn:aws:iam::${OTHER}:role/monitoring/apigw-responder-read`;
const base = {
  apis: [{ kind: 'REST', name: 'orders-api', stages: ['prod'] }],
  trustedAccounts: [MEMBER, OTHER],
} as const;
const untyped = (value: unknown): ApiGatewayResponderConfig => value as ApiGatewayResponderConfig;

function problems(config: ApiGatewayResponderConfig): string {
  try {
    validateConfig(config);
  } catch (error) {
    return (error as Error).message;
  }
  return 'valid';
}

describe('crossAccountRoles validation', () => {
  it('accepts an ARN or { roleArn, externalId } per trusted account, as the runtime config carries them', () => {
    const resolved = validateConfig({
      ...base,
      crossAccountRoles: { [MEMBER]: ROLE, [OTHER]: { roleArn: OTHER_ROLE, externalId: 'org-42' } },
    });
    expect(resolved.crossAccountRoles).toEqual([{ roleArn: ROLE }, { roleArn: OTHER_ROLE, externalId: 'org-42' }]);
    const runtime = parseRuntimeConfig(
      JSON.stringify({ ...RUNTIME_CONFIG, crossAccountRoles: resolved.crossAccountRoles }),
    );
    expect(runtime.crossAccountRoles).toEqual(resolved.crossAccountRoles);
  });

  it.each([
    [
      'a key that is no account id',
      { '1111-2222-3333': ROLE },
      /crossAccountRoles\.1111-2222-3333: "1111-2222-3333" is not a 12-digit AWS account id/,
    ],
    [
      'an account that is not trusted',
      { '999988887777': 'arn:aws:iam::999988887777:role/r' },
      /crossAccountRoles\.999988887777: account 999988887777 is not in trustedAccounts\. .*add '999988887777' to trustedAccounts/,
    ],
    [
      'a role of another account',
      { [MEMBER]: OTHER_ROLE },
      new RegExp(`crossAccountRoles\\.${MEMBER}: the role is in account ${OTHER}, not ${MEMBER}`),
    ],
    [
      'a user ARN instead of a role',
      { [MEMBER]: `arn:aws:iam::${MEMBER}:user/ops` },
      new RegExp(
        `crossAccountRoles\\.${MEMBER}: "arn:aws:iam::${MEMBER}:user/ops" is not valid\\. Use an IAM role ARN`,
      ),
    ],
    ['a role name only', { [MEMBER]: 'apigw-responder-read' }, /is not valid\. Use an IAM role ARN/],
    [
      'an ExternalId of one character',
      { [MEMBER]: { roleArn: ROLE, externalId: 'x' } },
      new RegExp(`crossAccountRoles\\.${MEMBER}\\.externalId: "x" is not valid`),
    ],
    [
      'an unknown key',
      { [MEMBER]: { roleArn: ROLE, externalID: 'org-42' } },
      new RegExp(`crossAccountRoles\\.${MEMBER}\\.externalID: unknown setting`),
    ],
    ['neither ARN nor object', { [MEMBER]: 42 }, /42 is neither a role ARN nor an object/],
    ['a list instead of a map', [ROLE], /crossAccountRoles: \[.*\] is not an object/],
  ])('refuses %s with a specific error', (_what, roles, message) => {
    expect(problems(untyped({ ...base, crossAccountRoles: roles }))).toMatch(message);
  });

  it('refuses a bad role ARN in RESPONDER_CONFIG at cold start', () => {
    expect(() =>
      parseRuntimeConfig(
        JSON.stringify({ ...RUNTIME_CONFIG, crossAccountRoles: [{ roleArn: 'arn:aws:iam::1:role/x' }] }),
      ),
    ).toThrow(/crossAccountRoles/);
  });
});

const SIGNED: AppConfig = {
  stackName: 'CrossAccountTest',
  env: { account: CENTRAL, region: 'eu-west-1' },
  ...FULL_CONFIG,
  trustedAccounts: [MEMBER, OTHER],
  crossAccountRoles: { [MEMBER]: ROLE, [OTHER]: { roleArn: OTHER_ROLE, externalId: 'org-42' } },
  destinations: { slack: SLACK_BOT_WITH_BUTTONS },
};

const assumeStatements = (template: Template) =>
  policyStatements(template).filter((s) => asList(s.Action).some((a) => a.startsWith('sts:')));

describe('the central stack', () => {
  const template = Template.fromStack(buildApp(SIGNED, NO_BUNDLING).stack);

  it('lets the responder and the Slack re-run assume exactly the listed roles, and outputs both principals', () => {
    expect(assumeStatements(template)).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [ROLE, OTHER_ROLE] },
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [ROLE, OTHER_ROLE] },
    ]);
    const outputs = Object.keys(template.findOutputs('*')).filter((name) => name.includes('ReadRolePrincipal'));
    expect(outputs).toHaveLength(2);
    expect(JSON.stringify(template.toJSON())).toContain('\\"crossAccountRoles\\":[{\\"roleArn\\"');
  });

  it('alarms on the operator topic when a read role fails (the ReadRoleFailures metric)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: Match.stringLikeRegexp('^apigw-responder-operator[|][^|]+[|]ReadRoleFailures$'),
      MetricName: 'ReadRoleFailures',
      Namespace: 'ApiGatewayResponder',
      Dimensions: [{ Name: 'service', Value: 'apigw-responder' }],
      Threshold: 1,
    });
  });

  it('grants no sts:AssumeRole, outputs no principal and has no read-role alarm without read roles', () => {
    const plain = Template.fromStack(buildApp(FULL_CONFIG, NO_BUNDLING).stack);
    expect(JSON.stringify(plain.toJSON())).not.toContain('ReadRoleFailures');
    expect(assumeStatements(plain)).toEqual([]);
    expect(Object.keys(plain.findOutputs('*')).filter((name) => name.includes('ReadRolePrincipal'))).toEqual([]);
  });
});

describe('the member account read role', () => {
  const PRINCIPALS = [
    `arn:aws:iam::${CENTRAL}:role/Responder-ServiceRole-1`,
    `arn:aws:iam::${CENTRAL}:role/Interactions-Role-2`,
  ];
  const member = (context: Record<string, string>) =>
    Template.fromStack(
      buildMemberApp(SIGNED, { context: { principalArns: PRINCIPALS.join(','), region: 'eu-west-1', ...context } })
        .stack,
    );

  it("trusts only the responder's roles by ARN, with the config's ExternalId for its account", () => {
    const template = member({ account: OTHER });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'apigw-responder-read',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${CENTRAL}:root`]] } },
            Condition: { ArnEquals: { 'aws:PrincipalArn': PRINCIPALS }, StringEquals: { 'sts:ExternalId': 'org-42' } },
          },
        ],
      },
    });
  });

  it('grants exactly the diagnosis reads the responder has in its own account, nothing else', () => {
    const central = diagnosisGrants(Template.fromStack(buildApp(SIGNED, NO_BUNDLING).stack), CENTRAL);
    const memberGrants = grants(member({ account: MEMBER }), MEMBER);
    expect([...memberGrants].sort()).toEqual(central);
    expect(memberGrants.size).toBeGreaterThan(10);
  });

  it('refuses to synthesize without principals, or with principals of two accounts', () => {
    expect(() => buildMemberApp(SIGNED, { context: {} })).toThrow(/principalArns: none given/);
    expect(() =>
      buildMemberApp(SIGNED, { context: { principalArns: `${PRINCIPALS[0]!},arn:aws:iam::${OTHER}:role/x` } }),
    ).toThrow(/principalArns: expected the responder's role ARNs, all in its account/);
  });

  it('warns when the config names another role for this account', () => {
    const { stack } = buildMemberApp(SIGNED, {
      context: { principalArns: PRINCIPALS[0]!, account: MEMBER, region: 'eu-west-1', roleName: 'other-name' },
    });
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning'));
    expect(JSON.stringify(warnings)).toContain(
      `crossAccountRoles lists ${ROLE} for this account, but this role is named other-name`,
    );
    expect(Object.keys(resourcesOfType(Template.fromStack(stack), 'AWS::IAM::Role'))).toHaveLength(1);
  });
});

describe('the member read role in every watched region (regions)', () => {
  const REGIONS = ['us-east-1', 'ap-southeast-2'];
  const MULTI: AppConfig = { ...SIGNED, regions: REGIONS };
  const memberIn = (config: AppConfig) =>
    Template.fromStack(
      buildMemberApp(config, {
        context: { principalArns: `arn:aws:iam::${CENTRAL}:role/R`, account: MEMBER, region: 'eu-west-1' },
      }).stack,
    );

  it("grants the probes in the stack's region and each of `regions` (one ARN per resource, held to them by aws:RequestedRegion), exactly as the responder's own role", () => {
    const member = memberIn(MULTI);
    const memberGrants = diagnosisGrants(member, MEMBER);
    const probeStatements = policyStatements(member).filter((s) =>
      asList(s.Action).some((a) => a === 'logs:FilterLogEvents' || a === 'apigateway:GET'),
    );
    expect(probeStatements.length).toBeGreaterThan(0);
    for (const statement of probeStatements) {
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1', ...REGIONS] } });
    }
    expect(
      memberGrants.filter((g) => g.startsWith('logs:FilterLogEvents ') && g.includes(':logs:*:')).length,
    ).toBeGreaterThan(0);
    expect(memberGrants.filter((g) => /:(logs|apigateway):(us-east-1|ap-southeast-2):/.test(g))).toEqual([]);
    const central = Template.fromStack(
      buildApp({ ...MULTI, env: { account: CENTRAL, region: 'eu-west-1' } }, NO_BUNDLING).stack,
    );
    expect(memberGrants).toEqual(diagnosisGrants(central, CENTRAL));
  });

  it('grants only the stack region without `regions` (the template is unchanged)', () => {
    const grantsOf = diagnosisGrants(memberIn(SIGNED), MEMBER).filter((g) => g.startsWith('logs:FilterLogEvents '));
    expect(grantsOf.length).toBeGreaterThan(0);
    expect(grantsOf.filter((g) => !g.includes(':logs:eu-west-1:'))).toEqual([]);
  });
});

describe('the member read role of an environment-agnostic stack', () => {
  const principalArns = `arn:aws:iam::${CENTRAL}:role/R`;

  it('refuses to synthesize when the config names an ExternalId but the account is unknown', () => {
    expect(() => buildMemberApp(SIGNED, { context: { principalArns } })).toThrow(
      new RegExp(
        `crossAccountRoles names an ExternalId for ${OTHER}, but this stack's account is not known.*-c account=`,
      ),
    );
  });

  it('synthesizes with the ExternalId given on the command line, or when the config names none', () => {
    const given = Template.fromStack(
      buildMemberApp(SIGNED, { context: { principalArns, externalId: 'org-42' } }).stack,
    );
    given.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Condition: { StringEquals: { 'sts:ExternalId': 'org-42' } } }] },
    });
    const none: AppConfig = { ...SIGNED, crossAccountRoles: { [MEMBER]: ROLE, [OTHER]: OTHER_ROLE } };
    expect(() => buildMemberApp(none, { context: { principalArns } })).not.toThrow();
  });
});
