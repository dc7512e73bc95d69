/**
 * Signals → one scored candidate per class. Independent pieces of support combine as a noisy-or
 * (1 − Π(1 − w)); the same rule seen on several lines counts once, with the lines summed.
 */
import type { Evidence, RootCauseClass } from '../types';
import type { Signal } from './rule';

export interface Candidate {
  readonly class: Exclude<RootCauseClass, 'UNKNOWN'>;
  score: number;
  evidence: Evidence[];
  /** Sub-cause of the strongest signal that names one. */
  subCause?: string;
  /** Lines (or datapoints) in support, to rank simultaneous causes by how much of the traffic they explain. */
  support: number;
  /** The rule ids that fired, for precedence checks. */
  rules: Set<string>;
}

interface Merged {
  evidence: Evidence;
  weight: number;
  subCause?: string;
  subCauseWeight: number;
}

export function score(signals: readonly Signal[]): Map<RootCauseClass, Candidate> {
  const byClass = new Map<RootCauseClass, Map<string, Merged>>();
  for (const s of signals) {
    const rules = byClass.get(s.class) ?? new Map<string, Merged>();
    byClass.set(s.class, rules);
    const previous = rules.get(s.evidence.rule);
    if (previous === undefined) {
      rules.set(s.evidence.rule, {
        evidence: s.evidence,
        weight: s.weight,
        ...(s.subCause === undefined ? {} : { subCause: s.subCause }),
        subCauseWeight: s.subCause === undefined ? 0 : s.weight,
      });
      continue;
    }
    const count = (previous.evidence.count ?? 1) + (s.evidence.count ?? 1);
    const stronger = s.weight > previous.weight ? s.evidence : previous.evidence;
    previous.evidence = { ...stronger, count };
    previous.weight = Math.max(previous.weight, s.weight);
    if (s.subCause !== undefined && s.weight > previous.subCauseWeight) {
      previous.subCause = s.subCause;
      previous.subCauseWeight = s.weight;
    }
  }

  const out = new Map<RootCauseClass, Candidate>();
  for (const [cls, rules] of byClass) {
    if (cls === 'UNKNOWN') continue;
    const merged = [...rules.values()].sort((a, b) => b.weight - a.weight);
    const withSubCause = [...merged].sort((a, b) => b.subCauseWeight - a.subCauseWeight)[0];
    out.set(cls, {
      class: cls,
      score: 1 - merged.reduce((p, m) => p * (1 - m.weight), 1),
      evidence: merged.map((m) => m.evidence),
      ...(withSubCause?.subCause === undefined ? {} : { subCause: withSubCause.subCause }),
      support: Math.max(...merged.map((m) => m.evidence.count ?? 1)),
      rules: new Set(merged.map((m) => m.evidence.rule)),
    });
  }
  return out;
}
