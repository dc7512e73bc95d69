/**
 * IAM's policy-size limits (review 6 #2): a realistic large configuration (8 REST APIs x 3 stages,
 * each with a backend function and an access-log group, 2 extra regions, read roles, Slack buttons)
 * keeps every policy of the central and the member stack under IAM's limits, measured with the
 * tokens resolved; and synth fails, naming the policy, when a configuration would not fit.
 */
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { AppConfig } from '../../lib';
import { buildApp } from '../../lib';
import { buildMemberApp } from '../../lib/cross-account/member-app';
import {
  deployedPolicySize,
  INLINE_POLICIES_LIMIT,
  MANAGED_POLICY_LIMIT,
  policySizeErrors,
} from '../../lib/responder/policy-size-check';
import { FULL_CONFIG, NO_BUNDLING, resourcesOfType } from './support';

const CENTRAL = '123456789012';
const MEMBER = '111122223333';

const restApis = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'REST' as const,
    id: `abcdefgh${String(i).padStart(2, '0')}`,
    name: `svc-${i}-api`,
    stages: ['prod', 'staging', 'dev'],
    backendFunctions: [`svc-${i}-handler`],
    accessLogGroups: [`/aws/apigateway/svc-${i}/prod`],
  }));

const LARGE: AppConfig = {
  ...FULL_CONFIG,
  stackName: 'PolicySizeTest',
  env: { account: CENTRAL, region: 'eu-west-1' },
  apis: restApis(8),
  regions: ['us-east-1', 'ap-southeast-2'],
  trustedAccounts: [MEMBER],
  crossAccountRoles: { [MEMBER]: `arn:aws:iam::${MEMBER}:role/apigw-responder-read` },
  destinations: {
    slack: { mode: 'bot', botTokenSecret: 'r/bot', channel: '#incidents', signingSecret: 'r/signing' },
  },
};

/** Every policy document's deployed size, by type. */
function sizes(stack: Stack): { managed: number[]; inline: number[] } {
  const template = Template.fromStack(stack);
  const of = (type: string) =>
    Object.values(resourcesOfType(template, type)).map((r) =>
      deployedPolicySize(stack, (r.Properties as { PolicyDocument: unknown }).PolicyDocument),
    );
  return { managed: of('AWS::IAM::ManagedPolicy'), inline: of('AWS::IAM::Policy') };
}

describe("IAM's policy-size limits", () => {
  it('8 REST APIs x 3 stages in 3 regions: every central and member policy stays under the limits', () => {
    const central = buildApp(LARGE, NO_BUNDLING).stack;
    const member = buildMemberApp(LARGE, {
      context: { principalArns: `arn:aws:iam::${CENTRAL}:role/R`, account: MEMBER, region: 'eu-west-1' },
    }).stack;
    for (const stack of [central, member]) {
      const { managed, inline } = sizes(stack);
      expect(inline.length).toBeGreaterThan(0);
      expect(Math.max(0, ...managed)).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
      expect(Math.max(...inline)).toBeLessThanOrEqual(INLINE_POLICIES_LIMIT);
      expect(policySizeErrors(stack)).toEqual([]);
    }
  });

  it('adding regions does not grow the policies (one region-wildcard ARN per resource)', () => {
    const total = (regions: string[]) => {
      const { managed, inline } = sizes(buildApp({ ...LARGE, regions }, NO_BUNDLING).stack);
      return [...managed, ...inline].reduce((a, b) => a + b, 0);
    };
    const two = total(['us-east-1', 'ap-southeast-2']);
    const five = total(['us-east-1', 'ap-southeast-2', 'us-west-2', 'eu-central-1', 'sa-east-1']);
    // Only the condition's region list and the gate's alarm ARNs grow: under 500 characters a region
    // over all the stack's policies (each region repeated every resource before: about 4.7 KB).
    expect(five - two).toBeLessThan(3 * 500);
  });

  it('fails synth, naming the policy and its largest statement, when a configuration would exceed them', () => {
    // The central stack's 4 KB runtime configuration refuses such a config first; the member stack has none.
    const member = buildMemberApp(
      { ...LARGE, apis: restApis(80) },
      { context: { principalArns: `arn:aws:iam::${CENTRAL}:role/R`, account: MEMBER, region: 'eu-west-1' } },
    ).stack;
    expect(() => Template.fromStack(member)).toThrow(
      /would be about \d+ characters once deployed, over IAM's limit of (6144|10240) \(largest statement: .+\); cdk deploy would fail/,
    );
  });
});
