/**
 * Per-team routing at run time: an API (or one of its stages) may send its incidents to another
 * Slack channel, Jira project, PagerDuty service or webhook than the deployment's defaults.
 * Validated at synth (lib/config/validate-routing.ts); here only looked up.
 */
import type { ApiRef } from './types';

/** What a route may override; every field optional. */
export interface RouteOverrides {
  readonly slackChannel?: string;
  readonly jiraProjectKey?: string;
  readonly pagerdutyRoutingKeySecretId?: string;
  readonly webhookSecretId?: string;
  readonly teamsWebhookSecretId?: string;
}

export interface RouteRuntime extends RouteOverrides {
  readonly kind: ApiRef['kind'];
  /** REST: the API name; HTTP: the API id (as alarms name them). */
  readonly api: string;
  /** Absent: every stage of the API. */
  readonly stage?: string;
}

/** The overrides for one API stage: the API-wide route, then the stage's route on top. */
export function routeFor(api: ApiRef, routes: readonly RouteRuntime[] | undefined): RouteOverrides {
  const name = api.kind === 'REST' ? (api.name ?? api.id) : (api.id ?? api.name);
  const matching = (routes ?? []).filter((r) => r.kind === api.kind && r.api === name);
  const apiWide = matching.find((r) => r.stage === undefined);
  const stage = matching.find((r) => r.stage === api.stage);
  const merged = { ...strip(apiWide), ...strip(stage) };
  return merged;
}

function strip(route: RouteRuntime | undefined): RouteOverrides {
  if (route === undefined) return {};
  const { kind: _kind, api: _api, stage: _stage, ...overrides } = route;
  return overrides;
}
