/**
 * The deployed stack as the rehearsal sees it: the template, the physical id of every resource
 * and the template's properties resolved against them.
 */
import { randomBytes } from 'node:crypto';
import type { DeployedStack, TemplateResource } from './assembly';
import type { DeployedValues } from './intrinsics';
import { evaluateCondition, resolveIntrinsics } from './intrinsics';
import { NOT_RESOURCES, RESOURCE_HANDLERS } from './resources';
import type { Properties, ResourceContext } from './resources/resource-handler';
import { SANDBOX_ACCOUNT, SANDBOX_REGION, sandboxClientConfig } from '../sandbox/env';

export interface StackResource {
  readonly logicalId: string;
  readonly type: string;
  readonly resource: TemplateResource;
}

export class StackState {
  readonly context: ResourceContext;
  private readonly values: DeployedValues;

  constructor(
    readonly stack: DeployedStack,
    readonly ids: Map<string, string>,
    endpoint: string,
  ) {
    const stackName = stack.stackName;
    this.context = {
      account: SANDBOX_ACCOUNT,
      region: SANDBOX_REGION,
      stackName,
      clientConfig: sandboxClientConfig(endpoint),
      physicalId: (logicalId) => ids.get(logicalId),
      // CloudFormation's own scheme: stack-logicalId-RANDOM, cut to the service's limit.
      generatedName: (logicalId, maxLength = 128) => {
        const suffix = randomBytes(6).toString('hex').toUpperCase();
        return `${stackName}-${logicalId}`.slice(0, maxLength - suffix.length - 1) + `-${suffix}`;
      },
    };
    const conditions = stack.template.Conditions ?? {};
    const evaluated = new Map<string, boolean>();
    this.values = {
      account: SANDBOX_ACCOUNT,
      region: SANDBOX_REGION,
      stackName,
      ref: (logicalId) => {
        const physical = ids.get(logicalId);
        if (physical === undefined) return undefined;
        const handler = RESOURCE_HANDLERS[this.typeOf(logicalId)];
        return handler?.ref?.(physical, this.context) ?? physical;
      },
      attribute: (logicalId, name) => {
        const physical = ids.get(logicalId);
        if (physical === undefined) return undefined;
        return RESOURCE_HANDLERS[this.typeOf(logicalId)]?.attributes?.(physical, this.context)[name];
      },
      condition: (name) => {
        if (!evaluated.has(name)) evaluated.set(name, evaluateCondition(conditions[name], this.values));
        return evaluated.get(name) ?? false;
      },
    };
  }

  private typeOf(logicalId: string): string {
    return this.stack.template.Resources[logicalId]?.Type ?? '';
  }

  /** The template's deployable resources (conditions applied, CDK metadata left out). */
  resources(): StackResource[] {
    return Object.entries(this.stack.template.Resources)
      .filter(([, resource]) => !NOT_RESOURCES.has(resource.Type))
      .filter(([, resource]) => resource.Condition === undefined || this.values.condition(resource.Condition))
      .map(([logicalId, resource]) => ({ logicalId, type: resource.Type, resource }));
  }

  /** The resource's properties with every intrinsic resolved; throws UnresolvedReference. */
  properties(logicalId: string): Properties {
    const resource = this.stack.template.Resources[logicalId];
    return resolveIntrinsics(resource?.Properties ?? {}, this.values) as Properties;
  }
}
