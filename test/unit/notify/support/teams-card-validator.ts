import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The Teams Workflows message + Adaptive Card 1.5 schema, restricted to the elements the card uses
 * (test/fixtures/teams/: written from the 1.5 reference because no npm package ships the 1.5 JSON
 * schema; its $comment says what was checked).
 */
const schema = JSON.parse(
  readFileSync(join(__dirname, '../../../fixtures/teams/adaptive-card-1.5-subset.schema.json'), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Schema errors for one Teams message (empty when valid). */
export function teamsCardErrors(message: unknown): string[] {
  if (validate(message)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
