/**
 * Resolves the CloudFormation intrinsics CDK writes (Ref, Fn::GetAtt, Fn::Join, Fn::Sub,
 * Fn::Select, Fn::Split, Fn::If and the pseudo parameters) against what was really deployed, so a
 * template property can be sent to a service API or compared with what the service returns.
 */

export interface DeployedValues {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  /** Ref of a resource (its physical id, or what its type returns for Ref). */
  ref(logicalId: string): string | undefined;
  /** Fn::GetAtt of a resource. */
  attribute(logicalId: string, name: string): string | undefined;
  /** Conditions of the template, already evaluated. */
  condition(name: string): boolean;
}

/** A reference to a resource that has no physical id yet (it is created later in the same run). */
export class UnresolvedReference extends Error {
  constructor(readonly logicalId: string) {
    super(`${logicalId} is not deployed yet`);
  }
}

const NO_VALUE = Symbol('AWS::NoValue');

function pseudo(name: string, values: DeployedValues): string | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return values.account;
    case 'AWS::Region':
      return values.region;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return values.stackName;
    default:
      return undefined;
  }
}

function refOf(name: string, values: DeployedValues): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const value = pseudo(name, values) ?? values.ref(name);
  if (value === undefined) throw new UnresolvedReference(name);
  return value;
}

function getAtt(spec: unknown, values: DeployedValues): string {
  const [logicalId, attribute] = typeof spec === 'string' ? spec.split('.', 2) : (spec as [string, string]);
  const value = values.attribute(logicalId ?? '', attribute ?? '');
  if (value === undefined) throw new UnresolvedReference(logicalId ?? '');
  return value;
}

function sub(spec: unknown, values: DeployedValues): string {
  const [text, variables] = typeof spec === 'string' ? [spec, {}] : (spec as [string, Record<string, unknown>]);
  return text.replace(/\$\{([^}!]+)\}/g, (_match, name: string) => {
    if (name in variables) return String(resolveIntrinsics(variables[name], values));
    return name.includes('.') ? getAtt(name, values) : String(refOf(name, values));
  });
}

function condition(spec: unknown, values: DeployedValues): boolean {
  if (typeof spec === 'object' && spec !== null && 'Condition' in spec) {
    return values.condition(String((spec as { Condition: string }).Condition));
  }
  return Boolean(resolveIntrinsics(spec, values));
}

/** The value with every intrinsic replaced by its deployed value; AWS::NoValue removes the key. */
export function resolveIntrinsics(value: unknown, values: DeployedValues): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => resolveIntrinsics(item, values)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const node = value as Record<string, unknown>;
  const keys = Object.keys(node);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const arg = node[key];
    switch (key) {
      case 'Ref':
        return refOf(String(arg), values);
      case 'Fn::GetAtt':
        return getAtt(arg, values);
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        return (resolveIntrinsics(parts, values) as unknown[]).map(String).join(separator);
      }
      case 'Fn::Sub':
        return sub(arg, values);
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (resolveIntrinsics(list, values) as unknown[])[Number(resolveIntrinsics(index, values))];
      }
      case 'Fn::Split': {
        const [separator, text] = arg as [string, unknown];
        return String(resolveIntrinsics(text, values)).split(separator);
      }
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return resolveIntrinsics(values.condition(name) ? whenTrue : whenFalse, values);
      }
      case 'Fn::Equals': {
        const [a, b] = resolveIntrinsics(arg, values) as [unknown, unknown];
        return a === b;
      }
      case 'Fn::Or':
        return (arg as unknown[]).some((item) => condition(item, values));
      case 'Fn::And':
        return (arg as unknown[]).every((item) => condition(item, values));
      case 'Fn::Not':
        return !condition((arg as unknown[])[0], values);
      default:
        break;
    }
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(node)) {
    const resolved = resolveIntrinsics(item, values);
    if (resolved !== NO_VALUE) result[key] = resolved;
  }
  return result;
}

/** Evaluates a template condition (Fn::Equals/Or/And/Not over pseudo parameters). */
export function evaluateCondition(definition: unknown, values: DeployedValues): boolean {
  return Boolean(resolveIntrinsics(definition, values));
}
