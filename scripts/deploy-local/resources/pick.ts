/** Helpers the resource handlers share. */
import type { Properties } from './resource-handler';

/** The template's keys only: `source[key]` for every key of `template` that `source` has. */
export function pick(source: object | undefined, template: Properties, keys?: readonly string[]): Properties {
  const result: Record<string, unknown> = {};
  const record = (source ?? {}) as Record<string, unknown>;
  for (const key of keys ?? Object.keys(template)) {
    if (key in template && record[key] !== undefined) result[key] = record[key];
  }
  return result;
}

/** IAM returns policy documents URL-encoded. */
export function policyDocument(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const decoded = text.trim().startsWith('{') ? text : decodeURIComponent(text);
  return JSON.parse(decoded) as unknown;
}

export function asStringList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Property values the SDK takes as they are written in the template. */
export function withoutKeys(properties: Properties, ...keys: string[]): Record<string, unknown> {
  const result: Record<string, unknown> = { ...properties };
  for (const key of keys) delete result[key];
  return result;
}
