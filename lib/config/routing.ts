/** Per-team routing in the user's configuration: where one API's (or stage's) incidents go. */
import type { SecretRef } from './config';

/**
 * Destination overrides for an API (`apis[i].routes`) or one of its stages
 * (`apis[i].stages[j].routes`, which wins field by field). Each field overrides a destination that
 * is configured in `destinations`; the others keep the deployment's defaults. @default none
 */
export interface RoutesConfig {
  /** Slack channel id (C0123456789) or #name; needs Slack in bot mode. @default destinations.slack.channel */
  readonly slackChannel?: string;
  /** Jira project key, e.g. PAY. @default destinations.jira.projectKey */
  readonly jiraProject?: string;
  /** Secret holding this team's PagerDuty Events API v2 routing key. @default destinations.pagerduty.routingKeySecret */
  readonly pagerdutyRoutingKeySecret?: SecretRef;
  /** Secret holding this team's webhook: JSON {"url": "...", "hmacKey": "..."}. @default destinations.webhook.secret */
  readonly webhookSecret?: SecretRef;
  /** Secret holding this team's Teams Workflows webhook URL. @default destinations.teams.webhookSecret */
  readonly teamsWebhookSecret?: SecretRef;
}
