/**
 * How the responder may read each destination's secret. A secret given as an ARN must be the
 * complete ARN (Secrets Manager appends "-" and 6 random characters to the name): a partial ARN
 * never matches the IAM resource, and every delivery would fail into the DLQ while synth said
 * nothing. A secret encrypted with a customer-managed key needs that key (`kmsKeyArn`), granted
 * kms:Decrypt only through Secrets Manager; a secret of another account always does (the AWS
 * managed key cannot be used across accounts), so one without it is refused at synth
 * (lib/responder/secret-permissions.ts).
 */
import { describe, type Issues, type Untyped } from './issues';

export interface SecretUse {
  /** The config field naming the secret, for messages. */
  readonly path: string;
  readonly secret: string;
  readonly kmsKeyArn?: string;
}

export const SECRET_ARN_PREFIX = /^arn:aws[a-z-]*:secretsmanager:/;
/** The complete ARN: ...:secret:NAME-XXXXXX. */
const COMPLETE_SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]{1,128}$/;

/** The parts of a secret ARN, or undefined for a name. */
export function secretArnParts(secret: string): { partition: string; region: string; account: string } | undefined {
  const match = /^arn:(aws[a-z-]*):secretsmanager:([a-z0-9-]+):(\d{12}):secret:/.exec(secret);
  return match === null ? undefined : { partition: match[1]!, region: match[2]!, account: match[3]! };
}

/**
 * `fields`: each enabled destination block with the field holding its secret. Reports partial ARNs
 * and bad key ARNs; returns one use per secret.
 */
export function collectSecretUses(
  issues: Issues,
  path: string,
  fields: readonly (readonly [name: string, block: Untyped | undefined, field: string])[],
): SecretUse[] {
  const uses: SecretUse[] = [];
  for (const [name, block, field] of fields) {
    if (block === undefined) continue;
    const secret = block[field];
    if (typeof secret !== 'string') continue;
    const fieldPath = `${path}.${name}.${field}`;
    if (SECRET_ARN_PREFIX.test(secret) && !COMPLETE_SECRET_ARN.test(secret)) {
      issues.add(
        fieldPath,
        `${describe(secret)} is a partial secret ARN (it lacks the "-" and 6 characters Secrets Manager appends), which never matches the IAM grant`,
        'Give the complete ARN (aws secretsmanager describe-secret --secret-id NAME --query ARN) or just the secret name.',
      );
      continue;
    }
    const key = block.kmsKeyArn;
    if (
      key !== undefined &&
      !issues.text(
        `${path}.${name}.kmsKeyArn`,
        key,
        KMS_KEY_ARN,
        'the ARN of the KMS key that encrypts the secret, arn:aws:kms:REGION:ACCOUNT:key/ID (not an alias)',
      )
    )
      continue;
    uses.push({ path: fieldPath, secret, ...(key === undefined ? {} : { kmsKeyArn: key }) });
  }
  return uses;
}
