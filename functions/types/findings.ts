/** Findings: what probes report. A discriminated union on `type`; the classifier reads them. */

export const PROBE_NAMES = [
  'metrics',
  'execution-logs',
  'access-logs',
  'api-config',
  'lambda-backend',
  'http-backend',
  'changes',
  'throttling',
  'traces',
] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

/** Where a log line came from. Weaker sources weigh less in the classifier. */
export type LogSource = 'execution-log' | 'access-log' | 'lambda-log' | 'client' | 'unknown';

interface FindingBase {
  /** The probe that produced it ('classify' input from raw lines uses 'execution-logs' etc. too). */
  readonly probe: ProbeName;
  /** One human sentence, safe to show (already redacted). */
  readonly summary: string;
}

/** Log lines of one message template (numbers, ids and times replaced) with a count and one redacted example. */
export interface LogTemplateFinding extends FindingBase {
  readonly type: 'log-template';
  readonly source: LogSource;
  readonly template: string;
  readonly count: number;
  /** One redacted example line, request id kept. */
  readonly example: string;
  /** Request ids seen with this template (a few), for correlation. */
  readonly requestIds: readonly string[];
  /** Lambda log lines: the function they came from. */
  readonly functionName?: string;
  /** Access-log fields when the line was structured (status, integrationError, responseType, route...). */
  readonly fields?: Readonly<Record<string, string>>;
  /** True when `count` is from a sample of the window's lines, not all of them (see LogCoverage). */
  readonly sampled?: boolean;
}

/**
 * How much of one log group a probe read: everything in the window, or a sample (and then how
 * much, and what the counts rest on instead). Probes report one per group they read.
 */
export interface LogCoverage {
  readonly logGroup: string;
  /** 'all': every line of the window the filter selects was read; 'sample': only part of them. */
  readonly mode: 'all' | 'sample';
  /** Lines the service returned (after its filter, before our re-check). */
  readonly linesRead: number;
  /** Of those, lines that are evidence of a failure (after our re-check). */
  readonly failingLines: number;
  /** When sampled: about how many lines the filter selects in the whole window (extrapolated, ≈). */
  readonly linesEstimated?: number;
  readonly pages: number;
  /** The part of the window read, ISO (newest first, so `from` moves back as reading goes on). */
  readonly readFrom?: string;
  readonly readTo?: string;
  /** What stopped the read early. */
  readonly stoppedBy?: 'page-limit' | 'deadline';
  /** When sampled: the window's 5XX count from metrics, which counts rest on instead. */
  readonly errorsFromMetrics?: number;
  /** One human sentence: "newest 10,000 of ≈ 96,000 lines; 500 5XX counted from metrics". */
  readonly statement: string;
}

/** Minute-by-minute API metrics over the window, computed from raw Sum/Maximum series. */
export interface MetricsFinding extends FindingBase {
  readonly type: 'metrics';
  /** ISO minute timestamps, ascending; the arrays below are aligned with it. */
  readonly timestamps: readonly string[];
  readonly errors5xx: readonly number[];
  readonly errors4xx: readonly number[];
  readonly requests: readonly number[];
  readonly total5xx: number;
  readonly total4xx: number;
  readonly totalRequests: number;
  /** 100 * 5xx / requests over the window; null when there were no requests. */
  readonly errorRatePct: number | null;
  /** First minute with 5XX errors, ISO; null when none. */
  readonly onset: string | null;
  readonly latencyMaxMs: number | null;
  readonly integrationLatencyMaxMs: number | null;
  /** Integration timeout in ms when known (29000 default for REST), to compare with the max. */
  readonly integrationTimeoutMs?: number;
}

/** One route/method's integration as configured. */
export interface IntegrationFinding extends FindingBase {
  readonly type: 'integration';
  /** "GET /orders/{id}" (REST resource path + method) or the HTTP API route key. */
  readonly route: string;
  /** AWS_PROXY, AWS, HTTP, HTTP_PROXY, MOCK. */
  readonly integrationType: string;
  readonly uri?: string;
  readonly timeoutMs: number;
  /** INTERNET or VPC_LINK. */
  readonly connectionType?: string;
  readonly vpcLinkId?: string;
  readonly vpcLinkStatus?: string;
  /** The backend function when the integration is a Lambda (name or ARN). */
  readonly lambdaFunction?: string;
  readonly credentialsRole?: string;
  readonly authorizerId?: string;
}

export interface AuthorizerFinding extends FindingBase {
  readonly type: 'authorizer';
  readonly id: string;
  readonly name: string;
  /** TOKEN, REQUEST, COGNITO_USER_POOLS, JWT. */
  readonly authorizerType: string;
  readonly lambdaFunction?: string;
  readonly credentialsRole?: string;
}

export interface StageFinding extends FindingBase {
  readonly type: 'stage';
  /** OFF, ERROR or INFO (REST); HTTP APIs have no execution logs: 'UNSUPPORTED'. */
  readonly executionLogging: 'OFF' | 'ERROR' | 'INFO' | 'UNSUPPORTED';
  readonly accessLogGroupArn?: string;
  readonly accessLogFormat?: string;
  readonly tracingEnabled: boolean;
  readonly throttleRateLimit?: number;
  readonly throttleBurstLimit?: number;
  readonly deploymentId?: string;
  readonly lastUpdated?: string;
}

/** A backend Lambda (integration or authorizer): configuration and its own metrics/logs. */
export interface LambdaFinding extends FindingBase {
  readonly type: 'lambda';
  readonly functionName: string;
  readonly role: 'integration' | 'authorizer';
  readonly state?: string;
  readonly lastUpdateStatus?: string;
  readonly lastModified?: string;
  readonly runtime?: string;
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
  /** Reserved concurrency, when set (0 means the function cannot run at all). */
  readonly reservedConcurrency?: number;
  readonly inVpc?: boolean;
  readonly errors?: number;
  readonly throttles?: number;
  readonly durationMaxMs?: number;
  readonly concurrentExecutionsMax?: number;
  readonly invocations?: number;
  /** From its log group: "Task timed out" lines. */
  readonly timedOutCount?: number;
  /** REPORT lines where Max Memory Used reached the memory size. */
  readonly outOfMemoryCount?: number;
  readonly initErrorCount?: number;
  /** errorType values seen (Runtime.ImportModuleError, TypeError...). */
  readonly errorTypes?: readonly string[];
  /**
   * Integration functions invoked without a credentials role: whether the function's resource
   * policy lets apigateway.amazonaws.com invoke it for this API. Absent when not checked.
   */
  readonly apiGatewayInvokeAllowed?: boolean;
}

export interface HttpBackendFinding extends FindingBase {
  readonly type: 'http-backend';
  readonly endpoint: string;
  readonly targetGroupArn?: string;
  readonly healthyTargets?: number;
  readonly unhealthyTargets?: number;
  readonly unhealthyReasons?: readonly string[];
  /** Result of the optional active health request. */
  readonly activeCheck?: { readonly status?: number; readonly error?: string; readonly latencyMs?: number };
}

/** A change inside or shortly before the window (deployment, stage update, function update, CloudTrail write). */
export interface ChangeFinding extends FindingBase {
  readonly type: 'change';
  readonly at: string;
  readonly what: 'deployment' | 'stage-update' | 'function-update' | 'cloudtrail';
  readonly resource: string;
  readonly actor?: string;
  readonly description?: string;
}

/** A configured limit that may be throttling traffic. */
export interface ThrottleLimitFinding extends FindingBase {
  readonly type: 'throttle-limit';
  readonly scope: 'stage' | 'method' | 'usage-plan' | 'account' | 'lambda-account' | 'lambda-reserved';
  readonly rateLimit?: number;
  readonly burstLimit?: number;
  readonly concurrencyLimit?: number;
  readonly name?: string;
}

export interface TraceFinding extends FindingBase {
  readonly type: 'traces';
  readonly faultCount: number;
  readonly errorCount: number;
  readonly throttleCount: number;
  readonly traceIds: readonly string[];
  /** Fault root causes as X-Ray reports them (service name + exception). */
  readonly rootCauses: readonly string[];
}

/** A check that could not be done: AccessDenied, throttled, timed out, API unavailable, logging off. */
export interface CouldNotCheckFinding extends FindingBase {
  readonly type: 'could-not-check';
  /** What was not checked, e.g. "execution logs". */
  readonly what: string;
  /** Why, e.g. "AccessDeniedException: ... not authorized to perform logs:FilterLogEvents". */
  readonly why: string;
  /** How to make it checkable next time, when known (e.g. enable execution logging). */
  readonly fix?: string;
  /** Set when what was not checked is the unread rest of a sampled log group. */
  readonly coverage?: LogCoverage;
}

export type Finding =
  | LogTemplateFinding
  | MetricsFinding
  | IntegrationFinding
  | AuthorizerFinding
  | StageFinding
  | LambdaFinding
  | HttpBackendFinding
  | ChangeFinding
  | ThrottleLimitFinding
  | TraceFinding
  | CouldNotCheckFinding;

export type FindingType = Finding['type'];
