/**
 * cdk-nag v3 acknowledges each wildcard finding by its exact id, e.g.
 * `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:...:*]`. This collects the reason of
 * every wildcard resource we grant, computes the id the rule will compute, and acknowledges them
 * all next to the role that holds them.
 */
import { Stack, Validations } from 'aws-cdk-lib';
// The rule's own flattening, so our ids match its findings byte for byte.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

export class WildcardAcknowledgements {
  private readonly reasons = new Map<string, Set<string>>();

  constructor(private readonly scope: IConstruct) {}

  /** Records why `resources` (any that contain '*') cannot be narrower; throws when no reason is given. */
  add(resources: readonly string[], reason: string | undefined, actions: readonly string[]): void {
    for (const resource of resources) {
      const flat = flattenCfnReference(Stack.of(this.scope).resolve(resource));
      if (!flat.includes('*')) continue;
      if (reason === undefined) {
        throw new Error(`${actions.join(', ')} on ${flat}: a wildcard resource needs a wildcardReason`);
      }
      const id = `AwsSolutions-IAM5[Resource::${flat}]`;
      const reasons = this.reasons.get(id) ?? new Set<string>();
      reasons.add(`${actions.join(', ')}: ${reason}`);
      this.reasons.set(id, reasons);
    }
  }

  /** Acknowledges every recorded finding on `target` (the role; its policies are children). */
  applyTo(target: IConstruct): void {
    for (const [id, reasons] of this.reasons) {
      Validations.of(target).acknowledge({ id, reason: [...reasons].join(' ') });
    }
  }
}
