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

/** A document's size as IAM counts it (no whitespace) once deployed. */
export function deployedPolicySize(stack: Stack, document: unknown): number {
  return JSON.stringify(resolvedValue(stack.resolve(document))).length;
}

/** The largest statement of a document, for the message: its actions and size. */
function largestStatement(stack: Stack, document: unknown): string {
  const statements = (resolvedValue(stack.resolve(document)) as { Statement?: unknown[] }).Statement ?? [];
  const sized = statements.map((s) => ({ size: JSON.stringify(s).length, action: (s as { Action?: unknown }).Action }));
  const top = sized.sort((a, b) => b.size - a.size)[0];
  return top === undefined ? 'none' : `${JSON.stringify(top.action)} with ${top.size} characters`;
}

function tooLarge(what: string, size: number, limit: number, largest: string): string {
  return (
    `${what} would be about ${size} characters once deployed, over IAM's limit of ${limit} ` +
    `(largest statement: ${largest}); cdk deploy would fail with LimitExceeded PolicySize. ` +
    'Watch fewer APIs, stages or regions per stack (split them over several responder stacks)'
  );
}

/** Every IAM policy of the stack within IAM's limits, or one error per policy (or role) over them. */
export function policySizeErrors(stack: Stack): string[] {
  const errors: string[] = [];
  const inlineByRole = new Map<string, { size: number; paths: string[]; largest: string }>();
  for (const construct of stack.node.findAll()) {
    if (construct instanceof CfnManagedPolicy) {
      const size = deployedPolicySize(stack, construct.policyDocument);
      if (size > MANAGED_POLICY_LIMIT)
        errors.push(
          tooLarge(
            `managed policy ${construct.node.path}`,
            size,
            MANAGED_POLICY_LIMIT,
            largestStatement(stack, construct.policyDocument),
          ),
        );
    } else if (construct instanceof CfnPolicy) {
      const size = deployedPolicySize(stack, construct.policyDocument);
      for (const role of (stack.resolve(construct.roles) as unknown[] | undefined) ?? []) {
        const key = JSON.stringify(role);
        const sum = inlineByRole.get(key) ?? {
          size: 0,
          paths: [],
          largest: largestStatement(stack, construct.policyDocument),
        };
        inlineByRole.set(key, { ...sum, size: sum.size + size, paths: [...sum.paths, construct.node.path] });
      }
    }
  }
  for (const { size, paths, largest } of inlineByRole.values()) {
    if (size > INLINE_POLICIES_LIMIT)
      errors.push(tooLarge(`the inline policies ${paths.join(', ')}`, size, INLINE_POLICIES_LIMIT, largest));
  }
  return errors;
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
