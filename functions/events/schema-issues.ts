/**
 * zod/mini loads no message locale (that is most of its size saving), so issues are described
 * here: "Trigger.Period: expected number, got string".
 */
import type { core } from 'zod/mini';

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

/** The value at an issue's path in the input (zod/mini does not report it). */
function at(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeIssue(issue: core.$ZodIssue, input: unknown): string {
  const path = issue.path.map(String).join('.') || '(root)';
  switch (issue.code) {
    case 'invalid_type': {
      const value = at(input, issue.path);
      return `${path}: expected ${issue.expected}, ${value === undefined ? 'missing' : `got ${received(value)}`}`;
    }
    case 'invalid_value':
      return `${path}: expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'too_small':
      return `${path}: too small (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return `${path}: too big (maximum ${String(issue.maximum)})`;
    case 'invalid_format':
      return `${path}: not a valid ${issue.format}`;
    case 'invalid_union':
      return `${path}: matches none of the allowed forms`;
    default:
      return `${path}: ${issue.code}`;
  }
}

export function describeIssues(issues: readonly core.$ZodIssue[], input: unknown, max = 3): string {
  return issues
    .slice(0, max)
    .map((issue) => describeIssue(issue, input))
    .join('; ');
}
