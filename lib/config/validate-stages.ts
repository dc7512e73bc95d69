/** Checks one API's stages and resolves each stage's thresholds (global, API, stage overrides merged). */
import { HTTP_STAGE, REST_STAGE } from '../../functions/provenance/api-names';
import { isRecord, type Issues, type Untyped } from './issues';
import type { ResolvedStage } from './resolved-config';
import { mergeThresholds, type ThresholdOverrides } from './thresholds';
import { validateMergedThresholds, validateThresholdOverrides } from './validate-thresholds';

export function resolveStages(
  issues: Issues,
  path: string,
  api: Untyped,
  kind: 'REST' | 'HTTP',
  apiLevel: readonly (ThresholdOverrides | undefined)[],
): ResolvedStage[] {
  const stages = api.stages;
  if (!Array.isArray(stages) || stages.length === 0) {
    issues.add(`${path}.stages`, 'no stages listed', 'List at least one stage, e.g. stages: ["prod"].');
    return [];
  }
  const seen = new Set<string>();
  const resolved: ResolvedStage[] = [];
  (stages as readonly unknown[]).forEach((stage, index) => {
    const stagePath = `${path}.stages[${index}]`;
    const entry: Untyped = typeof stage === 'string' ? { name: stage } : isRecord(stage) ? stage : { name: stage };
    issues.unknownKeys(stagePath, entry, ['name', 'thresholds', 'routes']);
    const pattern = kind === 'HTTP' ? HTTP_STAGE : REST_STAGE;
    const expected =
      kind === 'HTTP'
        ? 'a stage name ($default, or letters, digits, - and _)'
        : 'a stage name (letters, digits, - and _)';
    if (!issues.text(`${stagePath}${typeof stage === 'string' ? '' : '.name'}`, entry.name, pattern, expected)) return;
    const name = entry.name;
    if (seen.has(name)) {
      issues.add(
        stagePath,
        `stage "${name}" is listed twice`,
        'List each stage once; put its overrides in a single entry.',
      );
      return;
    }
    seen.add(name);
    validateThresholdOverrides(issues, `${stagePath}.thresholds`, entry.thresholds);
    const thresholds = mergeThresholds(...apiLevel, entry.thresholds as ThresholdOverrides | undefined);
    validateMergedThresholds(issues, `${stagePath}.thresholds`, thresholds);
    resolved.push({ name, thresholds });
  });
  return resolved;
}
