import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '@atlaskit/adf-schema/json-schema/v1/full.json';

/**
 * Atlassian's published ADF schema is draft-04; ajv 8 speaks draft-07+. The schema uses no
 * draft-04-only keyword (no boolean exclusiveMinimum/Maximum, no `id`), so it is compiled as is
 * after dropping its $schema declaration.
 */
const { $schema: _draft, ...adfSchema } = schema as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(adfSchema);

/** Schema errors for one ADF document (empty when valid). */
export function adfErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
