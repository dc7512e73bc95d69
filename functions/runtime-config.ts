/**
 * What the CDK stack hands the responder Lambda at run time, as one JSON environment variable
 * (RESPONDER_CONFIG). It holds names and ids only: secret *values* are read from Secrets Manager
 * at run time, never placed here.
 */
import type { MaintenanceWindow } from './suppression/maintenance-windows';
import type { RedactionOptions } from './redact/options';
import type { TrustRuntimeConfig } from './provenance/trust-policy';
import type { ReadRoleRuntime } from './cross-account/read-roles';
import type { RouteRuntime } from './routing';
import type { ApiKind, ProbeName } from './types';

export const RUNTIME_CONFIG_ENV = 'RESPONDER_CONFIG';

export interface WatchedApiRuntime {
  readonly kind: ApiKind;
  readonly id?: string;
  readonly name?: string;
  readonly stages: readonly string[];
  /** Quote (redacted) bodies in this API's messages instead of describing them. @default false */
  readonly quoteBodies?: boolean;
  /** Backend functions the diagnosis may read (functions/diagnosis/api-read-scope.ts). @default none */
  readonly backendFunctions?: readonly string[];
  /** Access-log groups the diagnosis may read. @default none */
  readonly accessLogGroups?: readonly string[];
  /** 'account-wide': read what the API's stage and integrations name, unfiltered. @default 'listed' */
  readonly discovery?: 'listed' | 'account-wide';
}

export type SlackDestinationConfig =
  | {
      readonly mode: 'webhook';
      /** Secret holding the incoming-webhook URL (plain string or JSON {"url": "..."}). */
      readonly webhookSecretId: string;
    }
  | {
      readonly mode: 'bot';
      /** Secret holding the bot token xoxb-... (plain string or JSON {"token": "..."}). */
      readonly tokenSecretId: string;
      readonly channel: string;
      /** Web API base URL; only tests and the demo change it. @default https://slack.com/api */
      readonly apiBaseUrl?: string;
      /** The parent carries Acknowledge / Re-run / Mute buttons (the interactions Lambda is deployed). @default false */
      readonly interactive?: boolean;
      /** Secret holding the Slack app's signing secret (read by the interactions Lambda only). */
      readonly signingSecretId?: string;
    };

export interface JiraDestinationConfig {
  /** e.g. https://acme.atlassian.net */
  readonly site: string;
  readonly projectKey: string;
  /** Secret: JSON {"email": "...", "apiToken": "..."} for Basic, or {"bearerToken": "..."}. */
  readonly secretId: string;
  /** @default "Bug" */
  readonly issueType: string;
  /** Transition name applied on OK (e.g. "Done"); none when absent. */
  readonly resolveTransition?: string;
}

export interface OpsItemDestinationConfig {
  readonly enabled: boolean;
  /** @default "Availability" */
  readonly category?: string;
  /** "1".."4". @default "2" */
  readonly severity?: string;
}

export interface PagerDutyDestinationConfig {
  /** Secret holding the Events API v2 routing key. */
  readonly routingKeySecretId: string;
  /** @default https://events.pagerduty.com/v2/enqueue */
  readonly eventsUrl?: string;
}

export interface WebhookDestinationConfig {
  /** Secret: JSON {"url": "...", "hmacKey": "..."}. */
  readonly secretId: string;
}

/** Microsoft Teams through a Workflows webhook (functions/notify/teams-notifier.ts). */
export interface TeamsDestinationConfig {
  /** Secret holding the Workflows webhook URL (plain string or JSON {"url": "..."}). */
  readonly webhookSecretId: string;
}

export interface DestinationsConfig {
  readonly slack?: SlackDestinationConfig;
  readonly jira?: JiraDestinationConfig;
  readonly opsItem?: OpsItemDestinationConfig;
  readonly pagerduty?: PagerDutyDestinationConfig;
  readonly webhook?: WebhookDestinationConfig;
  readonly teams?: TeamsDestinationConfig;
}

export interface ResponderRuntimeConfig {
  readonly version: 1;
  /** DynamoDB table of incident and idempotency records. */
  readonly tableName: string;
  /** Alarms for the same API/stage within this many minutes join one incident. @default 30 */
  readonly groupingWindowMinutes: number;
  /** Milliseconds of the Lambda's remaining time kept for notifying after the diagnosis. @default 15000 */
  readonly notifyReserveMs: number;
  /** Probes to run. @default all */
  readonly probes: readonly ProbeName[];
  /** Send one GET to an HTTP backend's endpoint during the diagnosis. @default false */
  readonly activeHealthCheck: boolean;
  readonly watched: readonly WatchedApiRuntime[];
  readonly destinations: DestinationsConfig;
  /** When incidents are posted quietly or not at all. @default none */
  readonly maintenanceWindows?: readonly MaintenanceWindow[];
  /** The deployment's redaction options. @default client IPs masked */
  readonly redaction?: Pick<RedactionOptions, 'clientIps'>;
  /** Whose alarms are trusted, and when (functions/provenance/). */
  readonly trust: TrustRuntimeConfig;
  /** Per-team overrides by API and stage. @default none */
  readonly routes?: readonly RouteRuntime[];
  /** Read roles assumed to diagnose APIs of other accounts (functions/cross-account/). @default none */
  readonly crossAccountRoles?: readonly ReadRoleRuntime[];
}
