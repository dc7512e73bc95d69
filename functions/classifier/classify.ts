/**
 * Findings → ranked hypotheses. Rules (one per class, see registry.ts) turn log phrases and
 * metrics/config facts into signals; scoring combines them per class; precedence settles the
 * documented overlaps; changes are attached to the leading hypothesis as "what changed".
 */
import { groupLogLines } from '../logs/group';
import type { Classification, Evidence, Finding, Hypothesis, IntegrationHint, RootCauseClass } from '../types';
import { ROOT_CAUSE_CLASSES } from '../types';
import { buildContext } from './context';
import { applyClaims, matchLines } from './match';
import { missingEvidence } from './missing';
import type { ApiKindHint } from './api-kind';
import { applyCalibration } from './calibration';
import { explainTopTwo } from './explain';
import { applyPrecedence } from './precedence';
import { CLASS_RULES } from './registry';
import type { Candidate } from './scoring';
import { score } from './scoring';
import { evidenceText } from './signal';

export interface ClassifyOptions {
  readonly integration?: IntegrationHint;
  /** The API kind when known (the diagnosed API, --api-kind); inferred from the lines otherwise. */
  readonly apiKind?: ApiKindHint;
  /** Report raw scores instead of calibrated confidences (used to fit the calibration). */
  readonly uncalibrated?: boolean;
}

/** The leading hypothesis needs at least this confidence; below it the answer is UNKNOWN. */
export const MIN_LEADING_CONFIDENCE = 0.35;
/** Weaker hypotheses are still listed (ranked) down to this. */
export const MIN_LISTED_CONFIDENCE = 0.15;
/** Confidence share that depends on how much of the failing traffic a cause explains. */
const PREVALENCE_SHARE = 0.2;
const MAX_CHANGES = 5;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function rankOf(cls: RootCauseClass): number {
  return ROOT_CAUSE_CLASSES.indexOf(cls);
}

function changeEvidence(findings: readonly Finding[]): Evidence[] {
  return findings
    .filter((f) => f.type === 'change')
    .slice(0, MAX_CHANGES)
    .map((c) => ({
      rule: `changes.${c.what}`,
      source: 'changes' as const,
      text: evidenceText(
        `${c.at} ${c.what} ${c.resource}${c.actor === undefined ? '' : ` by ${c.actor}`}${c.description === undefined ? '' : `: ${c.description}`}`,
      ),
    }));
}

function toHypothesis(c: Candidate, confidence: number, calibrate: (raw: number) => number): Hypothesis {
  return {
    class: c.class,
    confidence: round(calibrate(confidence)),
    evidence: c.evidence,
    ...(c.subCause === undefined ? {} : { subCause: c.subCause }),
  };
}

export function classifyFindings(findings: readonly Finding[], options: ClassifyOptions = {}): Classification {
  const raw = rankFindings(findings, options);
  return { ...raw, explanation: explainTopTwo(raw) };
}

function rankFindings(findings: readonly Finding[], options: ClassifyOptions): Classification {
  const context = buildContext(findings, options.integration, options.apiKind);
  const calibrate = options.uncalibrated === true ? (x: number) => x : (x: number) => applyCalibration(x);
  const apiKind = {
    kind: context.httpApi ? ('http' as const) : ('rest' as const),
    source: context.apiKindSource ?? 'inferred',
  };
  const signals = applyClaims([
    ...matchLines(context.lines, CLASS_RULES, context.integration),
    ...CLASS_RULES.flatMap((r) => r.signals?.(context) ?? []),
  ]);
  const candidates = score(signals);
  applyPrecedence(candidates, context);

  const maxSupport = Math.max(
    1,
    ...[...candidates.values()].filter((c) => c.score >= MIN_LEADING_CONFIDENCE).map((c) => c.support),
  );
  const ranked = [...candidates.values()]
    .map((c) => ({
      c,
      confidence: c.score * (1 - PREVALENCE_SHARE + PREVALENCE_SHARE * Math.min(1, c.support / maxSupport)),
    }))
    .filter(({ confidence }) => confidence >= MIN_LISTED_CONFIDENCE)
    .sort((a, b) => b.confidence - a.confidence || rankOf(a.c.class) - rankOf(b.c.class))
    .map(({ c, confidence }) => ({ h: toHypothesis(c, confidence, calibrate), raw: round(confidence) }));

  const changes = changeEvidence(findings);
  const missing = missingEvidence(context);
  const leadingRaw = ranked[0];
  if (leadingRaw === undefined || leadingRaw.raw < MIN_LEADING_CONFIDENCE) {
    const weak = ranked.map(({ h, raw: r }) => `${h.class} ${r}`).join(', ');
    const unknown: Hypothesis = { class: 'UNKNOWN', confidence: 0, evidence: changes };
    return {
      class: 'UNKNOWN',
      confidence: 0,
      hypotheses: [unknown, ...ranked.map((r) => r.h)],
      evidence: changes,
      apiKind,
      missing: [
        ...missing,
        ...(weak === ''
          ? ['no log line, metric or configuration matched any root-cause rule']
          : [`signals too weak to conclude: ${weak}`]),
      ],
    };
  }
  const leading = leadingRaw.h;
  const lead: Hypothesis = { ...leading, evidence: [...leading.evidence, ...changes] };
  return {
    class: lead.class,
    confidence: lead.confidence,
    rawConfidence: leadingRaw.raw,
    hypotheses: [lead, ...ranked.slice(1).map((r) => r.h)],
    evidence: lead.evidence,
    apiKind,
    ...(missing.length === 0 ? {} : { missing }),
  };
}

/** Raw pasted lines (a line may hold several) → LogTemplateFindings with a guessed source. */
export function findingsOfLogLines(lines: readonly string[]): Finding[] {
  return groupLogLines(lines.flatMap((l) => l.split(/\r?\n/)));
}

/** Raw pasted lines → findings → classifyFindings. */
export function classifyLogLines(lines: readonly string[], options: ClassifyOptions = {}): Classification {
  return classifyFindings(findingsOfLogLines(lines), options);
}
