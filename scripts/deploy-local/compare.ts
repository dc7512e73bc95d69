/**
 * Compares a resolved template property with what the service returns, ignoring differences
 * that are only spelling: a one-element list and its element (IAM), numbers written as strings
 * (SNS, SQS attributes), JSON documents given as text, and the order of list items.
 */

function canonical(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
      try {
        return canonical(JSON.parse(trimmed));
      } catch {
        return value;
      }
    }
    if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
    if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
    return value;
  }
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    if (items.length === 1) return items[0];
    return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) result[key] = canonical(item);
    }
    return result;
  }
  return value;
}

export function sameValue(expected: unknown, actual: unknown): boolean {
  return JSON.stringify(canonical(expected)) === JSON.stringify(canonical(actual));
}

export interface PropertyMismatch {
  readonly property: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** Every property the deployed resource reports that differs from the template (or its default). */
export function compareProperties(
  template: Readonly<Record<string, unknown>>,
  deployed: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>> = {},
): PropertyMismatch[] {
  const mismatches: PropertyMismatch[] = [];
  for (const [property, actual] of Object.entries(deployed)) {
    const expected = property in template ? template[property] : defaults[property];
    if (!sameValue(expected, actual)) mismatches.push({ property, expected, actual });
  }
  return mismatches;
}

/** Short text of a value for a one-line report. */
export function show(value: unknown, max = 160): string {
  const text = value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
