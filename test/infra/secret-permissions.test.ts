/**
 * Secrets the responder can actually read: complete ARNs only, kms:Decrypt on a given key only
 * through Secrets Manager, and a secret of another account refused unless its key is given.
 */
import { Template } from 'aws-cdk-lib/assertions';
import type { AppConfig } from '../../lib';
import { buildApp } from '../../lib';
import { asList, flat, NO_BUNDLING, policyStatements } from './support';

const API = {
  kind: 'HTTP',
  id: 'f6g7h8i9j0',
  stages: ['$default'],
  backendFunctions: ['catalog'],
  accessLogGroups: ['/catalog'],
} as const;
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const OTHER_ACCOUNT_SECRET = 'arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/pagerduty-Ab12Cd';

function synth(destinations: AppConfig['destinations'], env?: AppConfig['env']) {
  const { stack } = buildApp(
    { stackName: 'SecretsTest', apis: [API], destinations, ...(env ? { env } : {}) },
    NO_BUNDLING,
  );
  return policyStatements(Template.fromStack(stack));
}

it("grants kms:Decrypt on a destination's key only through Secrets Manager, in the secret's region", () => {
  const statements = synth({
    slack: { mode: 'webhook', webhookSecret: 'apigw-responder/slack', kmsKeyArn: KEY },
    pagerduty: {
      routingKeySecret: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:pd-Ab12Cd',
      kmsKeyArn: KEY,
    },
  });
  const decrypt = statements.filter(
    (s) => asList(s.Action).includes('kms:Decrypt') && flat(asList(s.Resource)[0]) === KEY,
  );
  expect(decrypt).toEqual([
    expect.objectContaining({
      Action: 'kms:Decrypt',
      Resource: KEY,
      Condition: {
        StringEquals: {
          'kms:ViaService': [
            { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
            'secretsmanager.eu-central-1.amazonaws.com',
          ],
        },
      },
    }),
  ]);
});

it('fails synth on a partial secret ARN, naming the field and the fix', () => {
  expect(() =>
    synth({ webhook: { secret: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-responder/webhook' } }),
  ).toThrow(
    /destinations\.webhook\.secret: .* is a partial secret ARN .* Give the complete ARN \(aws secretsmanager describe-secret --secret-id NAME --query ARN\) or just the secret name\./,
  );
});

it('refuses a secret of another account without its key, and grants it with one', () => {
  const env = { account: '111122223333', region: 'eu-west-1' };
  expect(() => synth({ pagerduty: { routingKeySecret: OTHER_ACCOUNT_SECRET } }, env)).toThrow(
    /destinations\.pagerduty\.routingKeySecret: the secret is in account 444455556666, not this stack's \(111122223333\).*set kmsKeyArn/,
  );
  const statements = synth({ pagerduty: { routingKeySecret: OTHER_ACCOUNT_SECRET, kmsKeyArn: KEY } }, env);
  expect(
    statements
      .filter((s) => asList(s.Action).includes('secretsmanager:GetSecretValue'))
      .flatMap((s) => asList(s.Resource)),
  ).toEqual([OTHER_ACCOUNT_SECRET]);
  expect(statements.some((s) => asList(s.Action).includes('kms:Decrypt') && s.Resource === KEY)).toBe(true);
});

it('rejects an alias in place of a key ARN', () => {
  expect(() =>
    synth({
      webhook: { secret: 'apigw-responder/webhook', kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:alias/secrets' },
    }),
  ).toThrow(/destinations\.webhook\.kmsKeyArn: .* is not valid\. Use the ARN of the KMS key/);
});

it("grants the Teams webhook secret and its key, and names the Teams field in a partial ARN's error", () => {
  const statements = synth({ teams: { webhookSecret: 'apigw-responder/teams', kmsKeyArn: KEY } });
  const read = statements.filter((s) => asList(s.Action).includes('secretsmanager:GetSecretValue'));
  expect(JSON.stringify(read)).toContain('secret:apigw-responder/teams');
  const decrypt = statements.filter(
    (s) => asList(s.Action).includes('kms:Decrypt') && flat(asList(s.Resource)[0]) === KEY,
  );
  expect(decrypt).toHaveLength(1);
  expect(() =>
    synth({ teams: { webhookSecret: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:apigw-responder/teams' } }),
  ).toThrow(/destinations\.teams\.webhookSecret: .* is a partial secret ARN/);
  expect(() => synth({ teams: { webhookSecret: 'https://prod-1.westeurope.logic.azure.com/workflows/x' } })).toThrow(
    /destinations\.teams\.webhookSecret: looks like the secret value itself/,
  );
});
