/**
 * The configuration users write (apigw-responder.config.ts): which APIs to watch, how sensitive
 * the alarms are, where summaries go. Secrets are referenced by Secrets Manager name or ARN only;
 * their values never enter the template, the environment or the logs.
 */
import type { ProbeName } from '../../functions/types';
import type { MaintenanceWindowConfig } from './maintenance-windows';
import type { QuoteBodiesConfig, RedactionConfig } from './redaction';
import type { RoutesConfig } from './routing';
import type { ThresholdOverrides } from './thresholds';
import type { ReservedConcurrency } from './reserved-concurrency';
import type { TrustConfig } from './trust-config';
import type { CrossAccountConfig } from './cross-account-roles';

/** A stage to watch: its name, or its name with threshold overrides. */
export type StageConfig =
  | string
  | {
      /** Stage name as deployed (`$default` for an HTTP API's default stage). */
      readonly name: string;
      /** Overrides for this stage only; win over the API's and the global ones. @default none */
      readonly thresholds?: ThresholdOverrides;
      /** Where this stage's incidents go; wins over the API's routes field by field. @default the API's */
      readonly routes?: RoutesConfig;
    };

interface WatchedApiBase extends QuoteBodiesConfig {
  /** The stages to alarm on; at least one. */
  readonly stages: readonly StageConfig[];
  /** Overrides for every stage of this API; win over the global ones. @default none */
  readonly thresholds?: ThresholdOverrides;
  /** Where this API's incidents go (its team's channel, project, service, webhook). @default the destinations */
  readonly routes?: RoutesConfig;
  /**
   * Backend Lambda function names. When given, the diagnosis may read exactly these functions
   * (configuration, logs); when absent, the Lambda probe reports "could not check". @default none
   */
  readonly backendFunctions?: readonly string[];
  /**
   * Access log group names of the stages. When given, the access-log probe reads exactly these;
   * when absent it may read the group the stage's settings name only with `discovery:
   * 'account-wide'` (synth warns otherwise). @default none
   */
  readonly accessLogGroups?: readonly string[];
  /**
   * What the diagnosis may read beyond the lists above. 'listed' (the default): nothing, and synth
   * warns for each unlisted kind, naming the grant it would need; the probe reports "could not
   * check". 'account-wide': the explicit opt-in to discover backends and access logs at run time,
   * which grants lambda:GetFunctionConfiguration on every function (their environment variables
   * included) and logs:FilterLogEvents on every log group, in every watched region (the responder's and `regions`). Prefer
   * `npx apigw-responder discover --api NAME` to list them. @default 'listed'
   */
  readonly discovery?: 'listed' | 'account-wide';
}

/** An API Gateway REST API (v1). CloudWatch identifies it by name (dimension ApiName). */
export interface RestApiConfig extends WatchedApiBase {
  readonly kind: 'REST';
  /** The API's name exactly as in API Gateway (the ApiName metric dimension). */
  readonly name: string;
  /**
   * The rest-api id (10 characters). Optional: when given, IAM for the diagnosis is narrowed to
   * this API and its execution log group; otherwise the responder resolves the name at run time.
   * @default resolved at run time
   */
  readonly id?: string;
}

/** An API Gateway HTTP API (v2). CloudWatch identifies it by id (dimension ApiId). */
export interface HttpApiConfig extends WatchedApiBase {
  readonly kind: 'HTTP';
  /** The api id (10 characters), e.g. a1b2c3d4e5. */
  readonly id: string;
  /** A friendly name for messages. @default the id */
  readonly name?: string;
}

export type WatchedApiConfig = RestApiConfig | HttpApiConfig;

/** A Secrets Manager secret, by name (`apigw-responder/slack`) or complete ARN (with its 6-character suffix). */
export type SecretRef = string;

/** A destination whose secret is encrypted with a customer-managed KMS key. */
export interface SecretEncryption {
  /**
   * The key that encrypts the destination's secret: the responder gets kms:Decrypt on it, only
   * through Secrets Manager. Required for a secret of another account. @default the AWS managed key
   */
  readonly kmsKeyArn?: string;
}

export type SlackConfig = SecretEncryption &
  (
    | {
        readonly enabled?: boolean;
        readonly mode: 'webhook';
        /** Secret holding the incoming-webhook URL (plain string or JSON {"url": "..."}). */
        readonly webhookSecret: SecretRef;
      }
    | {
        readonly enabled?: boolean;
        readonly mode: 'bot';
        /** Secret holding the bot token xoxb-... (plain string or JSON {"token": "..."}). Threads need the bot. */
        readonly botTokenSecret: SecretRef;
        /** Channel id (C0123456789) or name (#incidents). */
        readonly channel: string;
        /**
         * Secret holding the Slack app's signing secret. When given, the stack deploys the
         * interactions endpoint (a Lambda function URL, output InteractionsUrl) and the parent message
         * carries Acknowledge / Re-run diagnosis / Mute buttons (docs/on-call.md). @default no buttons
         */
        readonly signingSecret?: SecretRef;
      }
  );

export interface JiraConfig extends SecretEncryption {
  /** @default true when the block is present */
  readonly enabled?: boolean;
  /** Site URL, e.g. https://acme.atlassian.net */
  readonly site: string;
  /** Project key, e.g. OPS. */
  readonly projectKey: string;
  /** Secret: JSON {"email": "...", "apiToken": "..."} or {"bearerToken": "..."}. */
  readonly secret: SecretRef;
  /** @default "Bug" */
  readonly issueType?: string;
  /** Transition applied when the alarm returns to OK, e.g. "Done". @default none (the issue stays open) */
  readonly resolveTransition?: string;
}

export interface OpsItemConfig {
  /** Create an SSM OpsItem per incident and resolve it on OK. */
  readonly enabled: boolean;
  /** @default "Availability" */
  readonly category?: string;
  /** "1".."4". @default "2" */
  readonly severity?: string;
}

export interface PagerDutyConfig extends SecretEncryption {
  /** @default true when the block is present */
  readonly enabled?: boolean;
  /** Secret holding the Events API v2 routing key. */
  readonly routingKeySecret: SecretRef;
}

export interface WebhookConfig extends SecretEncryption {
  /** @default true when the block is present */
  readonly enabled?: boolean;
  /** Secret: JSON {"url": "...", "hmacKey": "..."}. */
  readonly secret: SecretRef;
}

/** Microsoft Teams: an Adaptive Card per incident event through a Teams Workflows webhook (docs/on-call.md). */
export interface TeamsConfig extends SecretEncryption {
  /** @default true when the block is present */
  readonly enabled?: boolean;
  /** Secret holding the Workflows webhook URL (https://; plain string or JSON {"url": "..."}). */
  readonly webhookSecret: SecretRef;
}

/** Where summaries go. Each destination is independent; none is required. @default none */
export interface DestinationsInput {
  /** @default none */
  readonly slack?: SlackConfig;
  /** @default none */
  readonly jira?: JiraConfig;
  /** @default off */
  readonly opsItem?: OpsItemConfig;
  /** @default none */
  readonly pagerduty?: PagerDutyConfig;
  /** @default none */
  readonly webhook?: WebhookConfig;
  /** @default none */
  readonly teams?: TeamsConfig;
}

/** Settings of the responder Lambda. */
export interface ResponderFunctionConfig {
  /** Log retention of the responder's own log group, in days (a CloudWatch Logs retention value). @default 30 */
  readonly logRetentionDays?: number;
  /**
   * Reserved concurrency: caps parallel diagnoses (and AWS API load) in an alarm storm. 'none'
   * reserves nothing (needed where the account concurrency quota is 10). @default 5
   */
  readonly reservedConcurrency?: ReservedConcurrency;
  /** Milliseconds of the Lambda's time kept for notifying after the diagnosis. @default 15000 */
  readonly notifyReserveMs?: number;
}

/** The whole configuration of one deployment. */
/** Trust settings (trustedAccounts, regions, allowedAlarms, eventWindow): see lib/config/trust-config.ts. */
export interface ApiGatewayResponderConfig extends TrustConfig, CrossAccountConfig {
  /** The APIs to watch; at least one. */
  readonly apis: readonly WatchedApiConfig[];
  /** Overrides of the built-in defaults for every API and stage. @default the defaults in lib/config/thresholds.ts */
  readonly thresholds?: ThresholdOverrides;
  /** Where incident summaries go. @default none: summaries are only logged */
  readonly destinations?: DestinationsInput;
  /**
   * E-mail addresses subscribed to the operator topic, which receives the responder's own alarms
   * (dead-letter queue depth, errors, throttles, malformed events). @default none
   */
  readonly operatorEmails?: readonly string[];
  /** Alarms for the same API/stage within this many minutes join one incident (1..1440). @default 30 */
  readonly groupingWindowMinutes?: number;
  /** Probes the diagnosis runs. @default all probes */
  readonly probes?: readonly ProbeName[];
  /** Send one GET to an HTTP backend's endpoint during the diagnosis. @default false */
  readonly activeHealthCheck?: boolean;
  /**
   * Also trigger the responder from EventBridge "CloudWatch Alarm State Change" events of this
   * project's alarms (for organisation-wide or cross-account event buses). The responder
   * deduplicates, so enabling it next to SNS never posts twice. @default false
   */
  readonly eventBridgeTrigger?: boolean;
  /** Runbook linked from every alarm description. @default https://repost.aws/knowledge-center/api-gateway-5xx-error */
  readonly runbookUrl?: string;
  /** @default see ResponderFunctionConfig */
  readonly responder?: ResponderFunctionConfig;
  /**
   * Times when incidents are recorded and posted quietly (no PagerDuty) or not at all: recurring
   * (cron in a time zone) or one-off, for every API or one API/stage. See docs/tuning.md. @default none
   */
  readonly maintenanceWindows?: readonly MaintenanceWindowConfig[];
  /** How much evidence around redacted values stays readable (docs/data-protection.md). @default client IPs masked */
  readonly redaction?: RedactionConfig;
}

/** The standalone app's settings around the construct. */
export interface AppConfig extends ApiGatewayResponderConfig {
  /** CloudFormation stack name. @default "ApiGatewayResponder" */
  readonly stackName?: string;
  /**
   * Target account and region. Leave unset for an environment-agnostic stack that deploys to
   * whatever `cdk deploy` credentials point at (and synthesizes with no credentials at all).
   * @default environment-agnostic
   */
  readonly env?: { readonly account?: string; readonly region?: string };
}
