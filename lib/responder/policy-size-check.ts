/**
 * IAM's policy-size limits, checked at synth: `cdk synth` passes a policy IAM will refuse, and
 * `cdk deploy` then fails in CloudFormation with `LimitExceeded ... PolicySize`, for a member
 * stack possibly on its next update (review 6 #2). CDK moves statements that overflow a role's
 * inline policy into managed policies, but never splits a statement: one statement over a managed
 * policy's limit stays over it.
 *
 * IAM counts a document's characters without whitespace, after CloudFormation resolved it. The
 * check resolves the pseudo parameters to their longest values (partition `aws-us-gov`, a 14-char
 * region) and any other reference to a generous 128 characters, so what passes here fits in AWS.
 */
import { Stack } from 'aws-cdk-lib';
import { CfnManagedPolicy, CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** A customer managed policy. */
export const MANAGED_POLICY_LIMIT = 6_144;
/** All inline policies of one role together. */
export const INLINE_POLICIES_LIMIT = 10_240;

const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws-us-gov',
  'AWS::Region': 'ap-southeast-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com.cn',
};
const OTHER_REFERENCE = 'x'.repeat(128);

/** The value as CloudFormation would hand it to IAM, with references at their longest plausible length. */
function resolvedValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvedValue);
  if (typeof value !== 'object' || value === null) return value;
  const node = value as Record<string, unknown>;
  if (typeof node.Ref === 'string') return PSEUDO[node.Ref] ?? OTHER_REFERENCE;
  if ('Fn::GetAtt' in node || 'Fn::ImportValue' in node || 'Fn::Sub' in node) return OTHER_REFERENCE;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => String(resolvedValue(part))).join(separator);
  }
  return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, resolvedValue(inner)]));
}

/** A document as CloudFormation would hand it to IAM. */
function deployedDocument(stack: Stack, document: unknown): unknown {
  return resolvedValue(stack.resolve(document));
}

/** A document's size as IAM counts it (no whitespace) once deployed. */
export function deployedPolicySize(stack: Stack, document: unknown): number {
  return JSON.stringify(deployedDocument(stack, document)).length;
}

/** The largest statement of deployed documents, for the message: its actions and size. */
function largestStatement(documents: readonly unknown[]): string {
  const statements = documents.flatMap((d) => (d as { Statement?: unknown[] }).Statement ?? []);
  const sized = statements.map((s) => ({ size: JSON.stringify(s).length, action: (s as { Action?: unknown }).Action }));
  const top = sized.sort((a, b) => b.size - a.size)[0];
  return top === undefined ? 'none' : `${JSON.stringify(top.action)} with ${top.size} characters`;
}

function tooLarge(what: string, documents: readonly unknown[], limit: number): string | undefined {
  const size = documents.reduce((sum: number, d) => sum + JSON.stringify(d).length, 0);
  if (size <= limit) return undefined;
  return (
    `${what} would be about ${size} characters once deployed, over IAM's limit of ${limit} ` +
    `(largest statement: ${largestStatement(documents)}); cdk deploy would fail with LimitExceeded PolicySize. ` +
    'Watch fewer APIs, stages or regions per stack (split them over several responder stacks)'
  );
}

/** Every IAM policy of the stack within IAM's limits, or one error per policy (or role) over them. */
export function policySizeErrors(stack: Stack): string[] {
  const errors: (string | undefined)[] = [];
  /** Each role's inline policies: IAM limits their sum. */
  const inlineByRole = new Map<string, { paths: string[]; documents: unknown[] }>();
  for (const construct of stack.node.findAll()) {
    if (construct instanceof CfnManagedPolicy) {
      const document = deployedDocument(stack, construct.policyDocument);
      errors.push(tooLarge(`managed policy ${construct.node.path}`, [document], MANAGED_POLICY_LIMIT));
    } else if (construct instanceof CfnPolicy) {
      const document = deployedDocument(stack, construct.policyDocument);
      for (const role of (stack.resolve(construct.roles) as unknown[] | undefined) ?? []) {
        const key = JSON.stringify(role);
        const inline = inlineByRole.get(key) ?? { paths: [], documents: [] };
        inlineByRole.set(key, {
          paths: [...inline.paths, construct.node.path],
          documents: [...inline.documents, document],
        });
      }
    }
  }
  for (const { paths, documents } of inlineByRole.values()) {
    errors.push(tooLarge(`the inline policies ${paths.join(', ')}`, documents, INLINE_POLICIES_LIMIT));
  }
  return errors.filter((error): error is string => error !== undefined);
}

const CHECKED = Symbol.for('apigw-responder.policy-size-check');

/** Fails synth (a validation error) when any IAM policy of `scope`'s stack would exceed IAM's limits. */
export function checkPolicySizes(scope: IConstruct): void {
  const stack = Stack.of(scope);
  const marked = stack as unknown as Record<symbol, boolean>;
  if (marked[CHECKED] === true) return;
  marked[CHECKED] = true;
  stack.node.addValidation({ validate: () => policySizeErrors(stack) });
}
