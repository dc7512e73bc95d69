/** Classification: the root-cause classes and the ranked hypotheses with their evidence. */
import type { LogSource } from './findings';

/** Root-cause classes exactly as in docs/architecture.md. The single vocabulary shared by all parts. */
export const ROOT_CAUSE_CLASSES = [
  'INTEGRATION_TIMEOUT',
  'LAMBDA_TIMEOUT',
  'MALFORMED_PROXY_RESPONSE',
  'LAMBDA_FUNCTION_ERROR',
  'RESPONSE_TOO_LARGE',
  'PERMISSION_DENIED',
  'THROTTLING',
  'MAPPING_ERROR',
  'BACKEND_UNREACHABLE',
  'BACKEND_5XX',
  'AUTHORIZER_ERROR',
  'UNKNOWN',
] as const;
export type RootCauseClass = (typeof ROOT_CAUSE_CLASSES)[number];

/** Integration hint accepted by `classify --integration`. */
export const INTEGRATION_HINTS = ['lambda-proxy', 'lambda', 'http', 'http-proxy', 'aws', 'vpc-link'] as const;
export type IntegrationHint = (typeof INTEGRATION_HINTS)[number];

export interface Evidence {
  /** The rule that used it, e.g. "timeout.execution-log". */
  readonly rule: string;
  readonly source: LogSource | 'metrics' | 'config' | 'backend' | 'traces' | 'changes';
  /** Human-readable, redacted: the log line or the metric fact. */
  readonly text: string;
  /** How many lines/datapoints support it, when counted. */
  readonly count?: number;
}

export interface Hypothesis {
  readonly class: RootCauseClass;
  /** 0..1 */
  readonly confidence: number;
  readonly evidence: readonly Evidence[];
  /** Refinement within the class, e.g. "Runtime.ImportModuleError", "payload-too-large", "vpc-no-nat". */
  readonly subCause?: string;
}

/** The `classify` contract of docs/architecture.md: the leading class first, then the ranked list. */
export interface Classification {
  readonly class: RootCauseClass;
  readonly confidence: number;
  readonly hypotheses: readonly Hypothesis[];
  readonly evidence: readonly Evidence[];
  /** For UNKNOWN (and as context otherwise): what was missing, e.g. "execution logging is off". */
  readonly missing?: readonly string[];
  /** The API kind the classification assumed, and whether it was given or inferred from the lines. */
  readonly apiKind?: { readonly kind: 'rest' | 'http'; readonly source: 'given' | 'inferred' };
  /** The leading hypothesis's score before calibration (confidence is calibrated). */
  readonly rawConfidence?: number;
  /** For the top two hypotheses: what decided them and what evidence would change the answer. */
  readonly explanation?: readonly HypothesisExplanation[];
}

export interface HypothesisExplanation {
  readonly class: RootCauseClass;
  readonly confidence: number;
  /** The deciding lines and signals, "rule (source, ×count): text". */
  readonly decidedBy: readonly string[];
  /** Evidence that would change the answer. */
  readonly wouldChange: readonly string[];
}
