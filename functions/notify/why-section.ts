/**
 * The "Why <CLASS> (<n>%) and not <SECOND>" section every destination shows beside the evidence:
 * the classifier's explanation of its top two hypotheses (functions/classifier/explain.ts), cut to
 * what a responder reads at a glance: at most three lines and signals that decided it and three
 * pieces of evidence that would change the answer. Built once here, so Slack, Jira, Teams,
 * Markdown and PagerDuty say the same; each renderer only chooses markup and its size limits.
 */
import type { IncidentSummary } from '../types';

/** Items per list: the section stays a glance, the full lists are in `classify --explain`. */
export const WHY_MAX_ITEMS = 3;

export const DECIDED_BY_LABEL = 'Decided by';
export const WOULD_CHANGE_LABEL = 'Would change the answer';
/** Said when the classifier named no line or signal (UNKNOWN on no evidence): an empty list reads as an omission. */
export const NO_DECIDING_LINE = 'no log line or signal: nothing matched a rule';

/** One labelled list of the section; a list with no items is left out. */
export interface WhyList {
  /** DECIDED_BY_LABEL or WOULD_CHANGE_LABEL. */
  readonly label: string;
  /** At most WHY_MAX_ITEMS, never empty. */
  readonly items: readonly string[];
}

export interface WhySection {
  /** "Why INTEGRATION_TIMEOUT (91%) and not LAMBDA_TIMEOUT". */
  readonly heading: string;
  /**
   * Decided by: "rule (source, ×count): text"; then, when the classifier named any, what would
   * change the answer: "LAMBDA_TIMEOUT would lead instead on …", "no API Gateway execution-log lines …".
   */
  readonly lists: readonly WhyList[];
}

function firstDistinct(lines: readonly string[]): string[] {
  return [...new Set(lines.map((l) => l.trim()).filter((l) => l !== ''))].slice(0, WHY_MAX_ITEMS);
}

/**
 * The section, or null when there is nothing to explain: a summary recorded before explanations
 * existed, one without a diagnosis, or one whose explanation is not about the cause it names
 * (a "why" for another class would contradict the message it sits in).
 */
export function whySectionOf(summary: Pick<IncidentSummary, 'leading' | 'explanation'>): WhySection | null {
  const [lead, second] = summary.explanation ?? [];
  if (lead === undefined || summary.leading === null || lead.class !== summary.leading.class) return null;
  const rival = second !== undefined && second.class !== lead.class ? ` and not ${second.class}` : '';
  const decidedBy = firstDistinct(lead.decidedBy);
  const wouldChange = firstDistinct(lead.wouldChange);
  return {
    heading: `Why ${lead.class} (${Math.round(lead.confidence * 100)}%)${rival}`,
    lists: [
      { label: DECIDED_BY_LABEL, items: decidedBy.length === 0 ? [NO_DECIDING_LINE] : decidedBy },
      ...(wouldChange.length === 0 ? [] : [{ label: WOULD_CHANGE_LABEL, items: wouldChange }]),
    ],
  };
}
