import { describe, type Issues } from './issues';

/** A list of strings each matching `pattern`; reports the bad ones and returns the good ones. */
export function stringList(issues: Issues, path: string, value: unknown, pattern: RegExp, expected: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.add(path, `${describe(value)} is not a list`, `Use a list of ${expected}.`);
    return [];
  }
  const items = value as readonly unknown[];
  return items.filter((item, index): item is string => issues.text(`${path}[${index}]`, item, pattern, expected));
}
