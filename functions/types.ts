/**
 * The shared vocabulary of the responder: incident, findings, hypotheses, remediation and the
 * summary model. Every part (probes, classifier, remediation, notifiers, handler, CLI) speaks
 * these types, so a change here is a change of contract: extend, do not repurpose.
 */

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

export const API_KINDS = ['REST', 'HTTP'] as const;
/** REST = API Gateway v1 (apigateway), HTTP = API Gateway v2 HTTP API (apigatewayv2). */
export type ApiKind = (typeof API_KINDS)[number];

export const ALARM_STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** The API a incident is about. REST APIs are watched by name (alarm dimension ApiName) and resolved to an id. */
export interface ApiRef {
  readonly kind: ApiKind;
  /** REST: the rest-api id once resolved; HTTP: the api id (always known from the ApiId dimension). */
  readonly id?: string;
  /** REST: the ApiName dimension. HTTP: the API name when known. */
  readonly name?: string;
  readonly stage: string;
}

/** What the alarm watched, as far as the notification says. */
export interface AlarmMetric {
  readonly namespace?: string;
  readonly metricName?: string;
  /** Statistic or extended statistic (p99). */
  readonly statistic?: string;
  readonly periodSeconds?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly threshold?: number;
  readonly comparisonOperator?: string;
  /** Metric-math alarms: the expression of the returned series, if any. */
  readonly expression?: string;
  /** Cross-account metric-math alarms: the account the watched metric (and so the API) lives in. */
  readonly accountId?: string;
}

/** A closed time interval, ISO-8601 strings (UTC). */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

/** One alarm state change about one API stage: the unit the responder diagnoses and notifies. */
export interface Incident {
  readonly alarmName: string;
  readonly alarmArn: string;
  readonly alarmDescription?: string;
  readonly state: AlarmState;
  readonly previousState?: AlarmState;
  /** ISO-8601 UTC. */
  readonly stateChangeTime: string;
  readonly reason?: string;
  readonly region: string;
  readonly accountId: string;
  readonly api: ApiRef;
  readonly metric: AlarmMetric;
  /** The interval the probes examine: a few evaluation periods before the alarm up to the state change. */
  readonly window: TimeWindow;
  /** Where the notification came from, for logs. */
  readonly source: 'sns' | 'eventbridge' | 'lambda-action' | 'cli' | 'replay';
  /**
   * CloudWatch's own view of the alarm when the provenance gate checked it (functions/provenance/):
   * its state and the ISO time of its StateUpdatedTimestamp. Absent when it was not read (another
   * account's alarm, INSUFFICIENT_DATA, the CLI, or a responder built without the gate).
   */
  readonly cloudWatch?: { readonly state: AlarmState; readonly updatedAt: string };
}

// ---------------------------------------------------------------------------------------------
// Findings: what probes report. A discriminated union on `type`; the classifier reads them.
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Diagnosis result
// ---------------------------------------------------------------------------------------------

export type ProbeStatus = 'ok' | 'failed' | 'timed-out' | 'skipped';

export interface ProbeRun {
  readonly probe: ProbeName;
  readonly status: ProbeStatus;
  readonly durationMs: number;
  /** AWS operations made, as "Service.Operation" (e.g. "CloudWatchLogs.FilterLogEvents"). */
  readonly awsCalls: readonly string[];
  readonly error?: string;
  /** Log groups the probe read, each with how much of it (everything or a sample). */
  readonly coverage?: readonly LogCoverage[];
}

export interface Diagnosis {
  readonly incident: Incident;
  readonly findings: readonly Finding[];
  readonly probes: readonly ProbeRun[];
  readonly startedAt: string;
  readonly durationMs: number;
  /** True when the deadline cut at least one probe short. */
  readonly cutShort: boolean;
}

// ---------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Remediation
// ---------------------------------------------------------------------------------------------

export interface RemediationStep {
  readonly title: string;
  readonly detail?: string;
  /** Ready-to-run command with the incident's real names filled in. */
  readonly command?: string;
}

export interface Link {
  readonly label: string;
  readonly url: string;
}

export interface Remediation {
  readonly class: RootCauseClass;
  readonly steps: readonly RemediationStep[];
  readonly links: readonly Link[];
}

// ---------------------------------------------------------------------------------------------
// The incident summary model (versioned JSON) the notifiers render.
// ---------------------------------------------------------------------------------------------

export const SUMMARY_SCHEMA_VERSION = 1 as const;

export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** What a notifier posts. Built once from incident + diagnosis + classification + remediation, then redacted. */
export interface IncidentSummary {
  readonly schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  /** Stable id per API/stage incident: the grouping key used for threads, dedup labels and dedup keys. */
  readonly incidentId: string;
  /** 'open' for the first ALARM, 'update' for later alarms of the same incident, 'resolved' for OK. */
  readonly kind: 'open' | 'update' | 'resolved';
  readonly state: AlarmState;
  readonly severity: Severity;
  readonly api: ApiRef;
  readonly region: string;
  readonly accountId: string;
  readonly alarmName: string;
  readonly alarmArn: string;
  readonly stateChangeTime: string;
  /** Other alarms of the same incident ("also firing: p99 IntegrationLatency"). */
  readonly alsoFiring: readonly string[];
  readonly impact: {
    readonly errorRatePct: number | null;
    readonly errors5xx: number | null;
    readonly requests: number | null;
    readonly onset: string | null;
    readonly latencyMaxMs: number | null;
    readonly integrationLatencyMaxMs: number | null;
    /** Per-minute 5XX counts for the sparkline. */
    readonly errorSeries: readonly number[];
  };
  readonly leading: Hypothesis | null;
  readonly others: readonly Hypothesis[];
  readonly changes: readonly ChangeFinding[];
  readonly remediation: readonly RemediationStep[];
  readonly links: readonly Link[];
  /** Log templates to show as evidence, one redacted example each. */
  readonly logExamples: readonly { readonly template: string; readonly count: number; readonly example: string }[];
  readonly notChecked: readonly { readonly what: string; readonly why: string; readonly fix?: string }[];
  /** Probes the deadline cut short. */
  readonly unfinishedChecks: readonly string[];
  readonly diagnosisMs: number | null;
  /** For 'resolved': minutes from the incident's first ALARM to this OK. */
  readonly durationMinutes?: number;
  /** For the top two hypotheses: the deciding lines/signals and what evidence would change the answer. */
  readonly explanation?: readonly HypothesisExplanation[];
  /** The alarm's threshold, for the graph's annotation. */
  readonly alarmThreshold?: number;
}

// ---------------------------------------------------------------------------------------------
// Notifications
// ---------------------------------------------------------------------------------------------

export const DESTINATION_NAMES = ['slack', 'jira', 'opsitem', 'pagerduty', 'webhook', 'teams'] as const;
export type DestinationName = (typeof DESTINATION_NAMES)[number];

/**
 * What a destination remembers about an incident so later messages go to the same place:
 * Slack thread ts + channel, Jira issue key, OpsItem id, PagerDuty dedup key. Stored in DynamoDB.
 */
export type DestinationRef = Readonly<Record<string, string>>;

export interface DeliveryResult {
  readonly destination: DestinationName;
  readonly status: 'delivered' | 'failed' | 'skipped';
  /** Retries made (0 when the first attempt worked). */
  readonly retries: number;
  readonly reason?: string;
  /** The reference to store (thread ts, issue key...), when delivered. */
  readonly ref?: DestinationRef;
}

/**
 * What the responder tells a destination about the event being sent, so a send can be made
 * idempotent: the event key to attach (Slack metadata, webhook idempotency key, Jira comment
 * marker), the steps already recorded as done, and whether an earlier attempt may have reached
 * the destination without its result being recorded (then look before posting).
 */
export interface SendContext {
  /** The idempotency key of the alarm state change (alarm ARN + state-change time + state). */
  readonly eventKey: string;
  /**
   * What the event is for its incident: open (first message), join (another alarm of an open
   * incident: the parent is edited, no reply), reopen (re-fire after the resolution), update,
   * resolved.
   */
  readonly outcome: 'open' | 'join' | 'update' | 'reopen' | 'resolved';
  /** Steps of this event already recorded as done at this destination. */
  readonly done: readonly string[];
  /** An earlier attempt may have reached the destination unrecorded: look for the message before posting. */
  readonly resumed: boolean;
  /** The parent message as it should read now (join, reopen: the opening summary, alarms as of now). */
  readonly parent?: IncidentSummary;
  /** Records a finished step in the event record before the next one starts. */
  readonly step?: (name: string) => Promise<void>;
}

/** A destination: one small interface, so adding Teams later touches nothing else. */
export interface Notifier {
  readonly name: DestinationName;
  /**
   * Deliver one summary. `ref` is what this destination returned for the incident's earlier
   * message (absent for the first). Throws on failure; the delivery layer retries.
   */
  send(
    summary: IncidentSummary,
    ref: DestinationRef | undefined,
    signal: AbortSignal,
    context?: SendContext,
  ): Promise<DestinationRef>;
}
