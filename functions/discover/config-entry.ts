/** A discovered API as the `apis` entry to paste into apigw-responder.config.ts. */
import type { DiscoveredApi } from './discover-api';

/** The entry as plain data (what --write validates and merges). */
export function configEntryOf(api: DiscoveredApi) {
  return {
    kind: api.kind,
    ...(api.kind === 'REST'
      ? { name: api.name ?? api.id, id: api.id }
      : { id: api.id, ...(api.name === undefined ? {} : { name: api.name }) }),
    stages: [...api.stages],
    ...(api.backendFunctions.length === 0 ? {} : { backendFunctions: [...api.backendFunctions] }),
    ...(api.accessLogGroups.length === 0 ? {} : { accessLogGroups: [...api.accessLogGroups] }),
  };
}

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'string') return quote(value);
  return JSON.stringify(value);
}

/** TypeScript source of the entry, indented for the `apis: [` array of the config file. */
export function renderConfigEntry(api: DiscoveredApi, indent = '    '): string {
  const fields = Object.entries(configEntryOf(api)).map(([key, value]) => `${indent}  ${key}: ${literal(value)},`);
  return [`${indent}{`, ...fields, `${indent}},`].join('\n');
}
