/**
 * The responder reads exactly its destinations' secrets: by name (any 6-character suffix) or by
 * complete ARN, and decrypts with a customer-managed key only through Secrets Manager
 * (`kms:ViaService`). A secret of another account needs its key: the AWS managed key of Secrets
 * Manager cannot be used across accounts, so without one every delivery would fail.
 */
import { Annotations, Stack, Token } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { ConfigError } from '../config/config-error';
import { secretArnParts, type SecretUse } from '../config/secret-refs';

/** The IAM resource of a secret given by name or complete ARN. */
export function secretResource(scope: IConstruct, secret: string): string {
  if (secretArnParts(secret) !== undefined) return secret;
  const stack = Stack.of(scope);
  // Secrets Manager appends 6 random characters to the name in the ARN.
  return `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${secret}-??????`;
}

/** Refuses cross-account secrets without a key (when the stack's account is known at synth). */
function checkAccounts(scope: IConstruct, uses: readonly SecretUse[]): void {
  const account = Stack.of(scope).account;
  const problems: string[] = [];
  for (const use of uses) {
    const owner = secretArnParts(use.secret)?.account;
    if (owner === undefined || use.kmsKeyArn !== undefined) continue;
    if (Token.isUnresolved(account)) {
      Annotations.of(scope).addWarningV2(
        'apigw-responder:secret-account-unknown',
        `${use.path}: the stack is environment-agnostic, so synth cannot tell whether account ${owner} is this one. If it is not, set kmsKeyArn next to it: a secret of another account can only be read with its customer-managed key.`,
      );
    } else if (owner !== account) {
      problems.push(
        `${use.path}: the secret is in account ${owner}, not this stack's (${account}). A secret of another account can only be read with its customer-managed KMS key: set kmsKeyArn next to it (and allow this account in the secret's resource policy and the key's policy).`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

export function grantSecrets(scope: IConstruct, grantee: IGrantable, uses: readonly SecretUse[]): void {
  if (uses.length === 0) return;
  checkAccounts(scope, uses);
  const stack = Stack.of(scope);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [...new Set(uses.map((use) => secretResource(scope, use.secret)))],
    }),
  );
  const keys = new Map<string, Set<string>>();
  for (const use of uses) {
    if (use.kmsKeyArn === undefined) continue;
    const region = secretArnParts(use.secret)?.region ?? stack.region;
    const regions = keys.get(use.kmsKeyArn) ?? new Set<string>();
    regions.add(region);
    keys.set(use.kmsKeyArn, regions);
  }
  for (const [key, regions] of keys) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [key],
        conditions: {
          StringEquals: {
            'kms:ViaService': [...regions].map((region) => `secretsmanager.${region}.amazonaws.com`),
          },
        },
      }),
    );
  }
}
