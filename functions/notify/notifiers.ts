/**
 * The configured destinations as Notifiers. Each destination's module is imported on its first
 * send, so a disabled destination's code (and the SSM client) is never loaded.
 */
import type { DestinationName, DestinationRef, IncidentSummary, Notifier, SendContext } from '../types';
import type { DestinationsConfig } from '../runtime-config';
import type { RouteRuntime } from '../routing';
import type { NotifierDeps } from './notifier-deps';
import { routedNotifiers } from './routed-notifiers';

export type { NotifierDeps, SsmSender } from './notifier-deps';
export type { SecretReader } from './secrets';
export { createSecretReader } from './secrets';

/** A Notifier whose implementation is created on first use. */
function lazy(name: DestinationName, load: () => Promise<Notifier>): Notifier {
  let loaded: Promise<Notifier> | undefined;
  return {
    name,
    async send(
      summary: IncidentSummary,
      ref: DestinationRef | undefined,
      signal: AbortSignal,
      context?: SendContext,
    ): Promise<DestinationRef> {
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      return (await loaded).send(summary, ref, signal, context);
    },
  };
}

export function createNotifiers(
  config: DestinationsConfig,
  deps: NotifierDeps,
  routes: readonly RouteRuntime[] = [],
): Notifier[] {
  return routes.length === 0
    ? notifiersFor(config, deps)
    : routedNotifiers(config, routes, (routed) => notifiersFor(routed, deps));
}

function notifiersFor(config: DestinationsConfig, deps: NotifierDeps): Notifier[] {
  const notifiers: Notifier[] = [];
  const { slack, jira, opsItem, pagerduty, webhook, teams } = config;
  if (slack?.mode === 'bot') {
    notifiers.push(
      lazy('slack', async () => (await import('./slack-bot-notifier')).createSlackBotNotifier(slack, deps)),
    );
  } else if (slack?.mode === 'webhook') {
    notifiers.push(
      lazy('slack', async () => (await import('./slack-webhook-notifier')).createSlackWebhookNotifier(slack, deps)),
    );
  }
  if (jira !== undefined) {
    notifiers.push(lazy('jira', async () => (await import('./jira-notifier')).createJiraNotifier(jira, deps)));
  }
  if (opsItem?.enabled === true) {
    notifiers.push(
      lazy('opsitem', async () => (await import('./opsitem-notifier')).createOpsItemNotifier(opsItem, deps)),
    );
  }
  if (pagerduty !== undefined) {
    notifiers.push(
      lazy('pagerduty', async () => (await import('./pagerduty-notifier')).createPagerDutyNotifier(pagerduty, deps)),
    );
  }
  if (webhook !== undefined) {
    notifiers.push(
      lazy('webhook', async () => (await import('./webhook-notifier')).createWebhookNotifier(webhook, deps)),
    );
  }
  if (teams !== undefined) {
    // The card links to the incident's Jira issue when Jira is configured too.
    notifiers.push(
      lazy('teams', async () =>
        (await import('./teams-notifier')).createTeamsNotifier(teams, {
          ...deps,
          ...(jira === undefined ? {} : { jira }),
        }),
      ),
    );
  }
  return notifiers;
}
