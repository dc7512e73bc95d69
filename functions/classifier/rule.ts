/**
 * The shape of a classification rule. One file per root-cause class under rules/ exports one
 * ClassRule: the log phrases that name the failure, and the signals read from metrics,
 * configuration, backend state and access-log fields. Every signal names its rule id and the
 * evidence it used, so a hypothesis can always be explained.
 */
import type { AccessFields } from '../logs/access-log';
import type {
  ChangeFinding,
  CouldNotCheckFinding,
  Evidence,
  HttpBackendFinding,
  IntegrationFinding,
  IntegrationHint,
  LambdaFinding,
  LogSource,
  MetricsFinding,
  RootCauseClass,
  StageFinding,
  ThrottleLimitFinding,
  TraceFinding,
  AuthorizerFinding,
} from '../types';

/** A phrase that names a failure in a log line. */
export interface LogPattern {
  /** Evidence rule id, "<class-file>.<what>", e.g. "integration-timeout.endpoint-timed-out". */
  readonly id: string;
  readonly pattern: RegExp;
  /** 0..1 before the source factor: how sure the phrase alone makes us. */
  readonly weight: number;
  /**
   * A specific phrase claims its line: generic matches of other classes on the same line are
   * dropped ("customer function error: Task timed out after 3.00 seconds" is a timeout).
   */
  readonly specific?: boolean;
  /** Only lines from these sources count. */
  readonly sources?: readonly LogSource[];
  /** Lines from these sources do not count. */
  readonly notSources?: readonly LogSource[];
  /** Only behind these integration types (never when the integration is not known). */
  readonly integrations?: readonly IntegrationHint[];
  /** Not behind these integration types. */
  readonly notIntegrations?: readonly IntegrationHint[];
  /** The same line must also match this. */
  readonly with?: RegExp;
  /** The line does not count when it also matches this. */
  readonly unless?: RegExp;
  readonly subCause?: string;
}

/** One log template as the rules see it: prefixes removed, with its source and count. */
export interface LogLine {
  readonly index: number;
  /** The message to match (prefixes stripped, not redacted further than the finding was). */
  readonly text: string;
  /** The redacted example, for evidence. */
  readonly example: string;
  readonly source: LogSource;
  readonly count: number;
  readonly status?: number;
  readonly fields?: AccessFields;
  readonly functionName?: string;
}

/** Everything the rules read, gathered once from the findings. */
export interface RuleContext {
  readonly lines: readonly LogLine[];
  readonly metrics: readonly MetricsFinding[];
  readonly lambdas: readonly LambdaFinding[];
  readonly integrations: readonly IntegrationFinding[];
  readonly authorizers: readonly AuthorizerFinding[];
  readonly stages: readonly StageFinding[];
  readonly httpBackends: readonly HttpBackendFinding[];
  readonly throttleLimits: readonly ThrottleLimitFinding[];
  readonly traces: readonly TraceFinding[];
  readonly changes: readonly ChangeFinding[];
  readonly couldNotCheck: readonly CouldNotCheckFinding[];
  readonly integration?: IntegrationHint;
  /** An HTTP API (v2) is involved: an apigw-requestid header, an HTTP-API-only field or config. */
  readonly httpApi: boolean;
  /** Whether the API kind was given (--api-kind, the diagnosed API) or inferred from the lines. */
  readonly apiKindSource?: 'given' | 'inferred';
}

/** One piece of support for one class. */
export interface Signal {
  readonly class: RootCauseClass;
  /** 0..1 after the source factor. */
  readonly weight: number;
  readonly evidence: Evidence;
  readonly subCause?: string;
  /** The log line it came from, for per-line claims. */
  readonly line?: number;
  readonly specific?: boolean;
}

export interface ClassRule {
  readonly class: Exclude<RootCauseClass, 'UNKNOWN'>;
  readonly logPatterns: readonly LogPattern[];
  /** Support from anything but log phrases: metrics, configuration, backend state, access-log fields, status codes. */
  readonly signals?: (context: RuleContext) => Signal[];
}
