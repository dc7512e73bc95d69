/**
 * Checks per-team routes (apis[i].routes, apis[i].stages[j].routes) and turns them into the
 * runtime shape. Every problem names its field: an override of a destination that is not
 * configured, a Slack channel without bot mode, a malformed channel, project key or secret name.
 */
import type { DestinationsConfig } from '../../functions/runtime-config';
import type { RouteRuntime } from '../../functions/routing';
import { describe, isRecord, type Issues, type Untyped } from './issues';
import { JIRA_PROJECT_KEY, SLACK_CHANNEL, secretRef } from './validate-destinations';

const ROUTE_KEYS = ['slackChannel', 'jiraProject', 'pagerdutyRoutingKeySecret', 'webhookSecret', 'teamsWebhookSecret'];

export interface ResolvedRoutes {
  readonly routes: readonly RouteRuntime[];
  /** The secrets the routes name: the responder may read these too. */
  readonly secrets: readonly string[];
}

type Overrides = Omit<RouteRuntime, 'kind' | 'api' | 'stage'>;

/** The overrides that name a secret: config key, the destination it overrides, runtime field, what it holds. */
const SECRET_OVERRIDES = [
  ['pagerdutyRoutingKeySecret', 'pagerduty', 'pagerdutyRoutingKeySecretId', "the team's PagerDuty routing key"],
  ['webhookSecret', 'webhook', 'webhookSecretId', "the team's webhook URL and HMAC key"],
  ['teamsWebhookSecret', 'teams', 'teamsWebhookSecretId', "the team's Teams Workflows webhook URL"],
] as const satisfies readonly (readonly [string, keyof DestinationsConfig, keyof Overrides, string])[];

function needs(issues: Issues, path: string, configured: boolean, destination: string): boolean {
  if (!configured)
    issues.add(
      path,
      `overrides ${destination}, which is not configured`,
      `Configure destinations.${destination} or remove this override.`,
    );
  return configured;
}

function overridesOf(
  issues: Issues,
  path: string,
  value: unknown,
  destinations: DestinationsConfig,
  secrets: string[],
): Overrides | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    issues.add(path, `${describe(value)} is not an object`, `Use { ${ROUTE_KEYS.join(', ')} } (each optional).`);
    return undefined;
  }
  issues.unknownKeys(path, value, ROUTE_KEYS);
  const out: { -readonly [K in keyof Overrides]: Overrides[K] } = {};
  if (
    value.slackChannel !== undefined &&
    needs(issues, `${path}.slackChannel`, destinations.slack !== undefined, 'slack')
  ) {
    if (destinations.slack?.mode !== 'bot')
      issues.add(
        `${path}.slackChannel`,
        'Slack is in webhook mode, which posts to the one channel its webhook was made for',
        'Use Slack in bot mode (botTokenSecret + channel) to route by channel.',
      );
    else if (
      issues.text(`${path}.slackChannel`, value.slackChannel, SLACK_CHANNEL, 'a channel id (C0123456789) or #name')
    )
      out.slackChannel = value.slackChannel;
  }
  if (
    value.jiraProject !== undefined &&
    needs(issues, `${path}.jiraProject`, destinations.jira !== undefined, 'jira')
  ) {
    if (issues.text(`${path}.jiraProject`, value.jiraProject, JIRA_PROJECT_KEY, 'a Jira project key, e.g. PAY'))
      out.jiraProjectKey = value.jiraProject;
  }
  for (const [key, destination, field, holds] of SECRET_OVERRIDES) {
    if (
      value[key] === undefined ||
      !needs(issues, `${path}.${key}`, destinations[destination] !== undefined, destination)
    )
      continue;
    const secret = secretRef(issues, `${path}.${key}`, value[key], holds);
    if (secret === undefined) continue;
    out[field] = secret;
    if (!secrets.includes(secret)) secrets.push(secret);
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Routes of every API in the raw config (already checked for shape by validateConfig). */
export function validateRouting(issues: Issues, apis: unknown, destinations: DestinationsConfig): ResolvedRoutes {
  const routes: RouteRuntime[] = [];
  const secrets: string[] = [];
  if (!Array.isArray(apis)) return { routes, secrets };
  (apis as readonly unknown[]).forEach((api, index) => {
    if (!isRecord(api)) return;
    const kind = api.kind === 'REST' || api.kind === 'HTTP' ? api.kind : undefined;
    const key = kind === 'REST' ? api.name : api.id;
    if (kind === undefined || typeof key !== 'string') return;
    const path = `apis[${index}]`;
    const apiWide = overridesOf(issues, `${path}.routes`, api.routes, destinations, secrets);
    if (apiWide !== undefined) routes.push({ kind, api: key, ...apiWide });
    if (!Array.isArray(api.stages)) return;
    (api.stages as readonly unknown[]).forEach((stage, j) => {
      if (!isRecord(stage) || typeof stage.name !== 'string') return;
      const entry: Untyped = stage;
      const own = overridesOf(issues, `${path}.stages[${j}].routes`, entry.routes, destinations, secrets);
      if (own !== undefined) routes.push({ kind, api: key, stage: stage.name, ...own });
    });
  });
  return { routes, secrets };
}
