/**
 * The member read role grants the region the RESPONDER watches (its own and `regions`), not the
 * region the member stack happens to be deployed in (review 6 #4).
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { AppConfig } from '../../lib';
import { buildMemberApp } from '../../lib/cross-account/member-app';
import { diagnosisGrants } from './grant-pairs';
import { FULL_CONFIG } from './support';

const CENTRAL = '123456789012';
const MEMBER = '111122223333';
const CONFIG: AppConfig = {
  ...FULL_CONFIG,
  env: { account: CENTRAL, region: 'eu-west-1' },
  trustedAccounts: [MEMBER],
  crossAccountRoles: { [MEMBER]: `arn:aws:iam::${MEMBER}:role/apigw-responder-read` },
};
const principalArns = `arn:aws:iam::${CENTRAL}:role/R`;
const memberGrants = (config: AppConfig, context: Record<string, string>) =>
  diagnosisGrants(Template.fromStack(buildMemberApp(config, { context: { principalArns, ...context } }).stack), MEMBER);
const regionsIn = (grants: readonly string[]) =>
  [
    ...new Set(
      grants.flatMap((g) => [...g.matchAll(/:(?:logs|apigateway|cloudwatch):([a-z0-9-]+|\*):/g)].map((m) => m[1])),
    ),
  ].sort();

describe('the member read role deployed in another region than the responder', () => {
  it("grants the responder's region (from the config's env), not the member stack's", () => {
    const grants = memberGrants(CONFIG, { account: MEMBER, region: 'us-east-1' });
    expect(grants.some((g) => g.startsWith('logs:FilterLogEvents '))).toBe(true);
    expect(regionsIn(grants)).toEqual(['eu-west-1']);
  });

  it('takes -c responderRegion over the config, and grants it in an environment-agnostic stack', () => {
    const { env: _env, ...agnostic } = CONFIG;
    expect(regionsIn(memberGrants(agnostic, { responderRegion: 'ap-southeast-2' }))).toEqual(['ap-southeast-2']);
    expect(regionsIn(memberGrants(CONFIG, { region: 'us-east-1', responderRegion: 'eu-central-1' }))).toEqual([
      'eu-central-1',
    ]);
  });

  it("refuses an environment-agnostic stack when the responder's region is unknown", () => {
    const { env: _env, ...agnostic } = CONFIG;
    expect(() => buildMemberApp(agnostic, { context: { principalArns } })).toThrow(
      /responderRegion: unknown.*-c responderRegion=/,
    );
  });
});
