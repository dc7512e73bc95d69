/**
 * Per-team routing: one Notifier per destination whose every send goes to the destination as the
 * incident's API stage routes it (its team's Slack channel, Jira project, PagerDuty routing key,
 * webhook). The notifiers for each distinct routed configuration are created once and kept.
 */
import type { DestinationsConfig } from '../runtime-config';
import type { RouteOverrides, RouteRuntime } from '../routing';
import { routeFor } from '../routing';
import type { Notifier } from '../types';

/** The deployment's destinations with one route's overrides applied. */
export function routedDestinations(config: DestinationsConfig, route: RouteOverrides): DestinationsConfig {
  const { slack, jira, pagerduty, webhook, teams } = config;
  return {
    ...config,
    ...(slack?.mode === 'bot' && route.slackChannel !== undefined
      ? { slack: { ...slack, channel: route.slackChannel } }
      : {}),
    ...(jira !== undefined && route.jiraProjectKey !== undefined
      ? { jira: { ...jira, projectKey: route.jiraProjectKey } }
      : {}),
    ...(pagerduty !== undefined && route.pagerdutyRoutingKeySecretId !== undefined
      ? { pagerduty: { ...pagerduty, routingKeySecretId: route.pagerdutyRoutingKeySecretId } }
      : {}),
    ...(webhook !== undefined && route.webhookSecretId !== undefined
      ? { webhook: { ...webhook, secretId: route.webhookSecretId } }
      : {}),
    ...(teams !== undefined && route.teamsWebhookSecretId !== undefined
      ? { teams: { ...teams, webhookSecretId: route.teamsWebhookSecretId } }
      : {}),
  };
}

export function routedNotifiers(
  config: DestinationsConfig,
  routes: readonly RouteRuntime[],
  create: (config: DestinationsConfig) => Notifier[],
): Notifier[] {
  const byRoute = new Map<string, Notifier[]>();
  const forRoute = (route: RouteOverrides): Notifier[] => {
    const key = JSON.stringify(route);
    let made = byRoute.get(key);
    if (made === undefined) {
      made = create(routedDestinations(config, route));
      byRoute.set(key, made);
    }
    return made;
  };
  return forRoute({}).map((plain) => ({
    name: plain.name,
    send(summary, ref, signal, context) {
      const notifier = forRoute(routeFor(summary.api, routes)).find((n) => n.name === plain.name) ?? plain;
      return notifier.send(summary, ref, signal, context);
    },
  }));
}
