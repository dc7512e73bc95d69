/**
 * A proposed change to compare with the current thresholds: `--set signal.field=value` overrides
 * (applied on top of every stage's own thresholds, so they win everywhere) or a second config
 * (matched stage by stage).
 */
import { Issues } from '../config/issues';
import type { ResolvedConfig } from '../config/resolved-config';
import { mergeThresholds, type ThresholdOverrides, type Thresholds } from '../config/thresholds';
import { validateThresholdOverrides } from '../config/validate-thresholds';
import { ConfigFileError } from './load-config';

function parseValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) ? number : text;
}

/** Parses `serverErrorRate.maxPercent=2` settings into one override layer, validated like the config. */
export function parseSettings(settings: readonly string[]): ThresholdOverrides {
  const overrides: Record<string, Record<string, unknown>> = {};
  const issues = new Issues();
  for (const setting of settings) {
    const match = /^([A-Za-z0-9]+)\.([A-Za-z0-9]+)=(.*)$/.exec(setting);
    if (match === null) {
      issues.add(`--set ${setting}`, 'is not signal.field=value', 'Write e.g. --set serverErrorRate.maxPercent=2.');
      continue;
    }
    const [, signal = '', field = '', value = ''] = match;
    overrides[signal] = { ...overrides[signal], [field]: parseValue(value) };
  }
  validateThresholdOverrides(issues, '--set', overrides);
  if (issues.list.length > 0)
    throw new ConfigFileError(`invalid --set:\n${issues.list.map((p) => `  - ${p}`).join('\n')}`);
  return overrides;
}

export type Proposal =
  | { readonly kind: 'set'; readonly label: string; readonly overrides: ThresholdOverrides }
  | { readonly kind: 'config'; readonly label: string; readonly config: ResolvedConfig };

/** The proposed thresholds of one stage; undefined when a compared config does not watch it. */
export function proposedThresholds(
  proposal: Proposal,
  current: Thresholds,
  kind: string,
  api: string,
  stage: string,
): Thresholds | undefined {
  if (proposal.kind === 'set') return mergeThresholds(current, proposal.overrides);
  const other = proposal.config.apis.find(
    (candidate) => candidate.kind === kind && (kind === 'REST' ? candidate.name : candidate.id) === api,
  );
  return other?.stages.find((s) => s.name === stage)?.thresholds;
}
