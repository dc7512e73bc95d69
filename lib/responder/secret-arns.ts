/** IAM resources for Secrets Manager secrets named by name or ARN. */
import type { Stack } from 'aws-cdk-lib';

export function secretArns(stack: Stack, secrets: readonly string[]): string[] {
  return secrets.map((secret) =>
    secret.startsWith('arn:')
      ? secret
      : // Secrets Manager appends 6 random characters to the name in the ARN.
        `arn:${stack.partition}:secretsmanager:${stack.region}:${stack.account}:secret:${secret}-??????`,
  );
}
