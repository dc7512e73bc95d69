/**
 * RESPONDER_CONFIG, validated at cold start: a deployment mistake surfaces as one clear error
 * naming the field, not as an undefined deep inside a notification.
 */
import * as z from 'zod/mini';
import type { ResponderRuntimeConfig } from '../runtime-config';
import { RUNTIME_CONFIG_ENV } from '../runtime-config';
import { CLIENT_IP_POLICIES } from '../redact/options';
import { API_KINDS, PROBE_NAMES } from '../types';
import { describeIssues } from '../events/schema-issues';
import { TrustRuntimeSchema } from '../provenance/trust-schema';
import { ReadRolesSchema } from '../cross-account/read-roles-schema';
import { RuntimeConfigError } from './errors';

const nonEmpty = z.string().check(z.minLength(1));

const SlackConfig = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('webhook'), webhookSecretId: nonEmpty }),
  z.object({
    mode: z.literal('bot'),
    tokenSecretId: nonEmpty,
    channel: nonEmpty,
    apiBaseUrl: z.optional(z.url()),
    interactive: z.optional(z.boolean()),
    signingSecretId: z.optional(nonEmpty),
  }),
]);

export const RuntimeConfigSchema = z.object({
  version: z.literal(1),
  tableName: nonEmpty,
  groupingWindowMinutes: z.number().check(z.positive(), z.lte(24 * 60)),
  notifyReserveMs: z.int().check(z.gte(0), z.lte(900_000)),
  probes: z.array(z.enum(PROBE_NAMES)),
  activeHealthCheck: z.boolean(),
  watched: z.array(
    z.object({
      kind: z.enum(API_KINDS),
      id: z.optional(nonEmpty),
      name: z.optional(nonEmpty),
      stages: z.array(nonEmpty),
      quoteBodies: z.optional(z.boolean()),
      backendFunctions: z.optional(z.array(nonEmpty)),
      accessLogGroups: z.optional(z.array(nonEmpty)),
      discovery: z.optional(z.enum(['listed', 'account-wide'])),
    }),
  ),
  redaction: z.optional(z.object({ clientIps: z.optional(z.enum(CLIENT_IP_POLICIES)) })),
  destinations: z.object({
    slack: z.optional(SlackConfig),
    jira: z.optional(
      z.object({
        site: z.url(),
        projectKey: nonEmpty,
        secretId: nonEmpty,
        issueType: nonEmpty,
        resolveTransition: z.optional(nonEmpty),
      }),
    ),
    opsItem: z.optional(
      z.object({
        enabled: z.boolean(),
        category: z.optional(nonEmpty),
        severity: z.optional(z.enum(['1', '2', '3', '4'])),
      }),
    ),
    pagerduty: z.optional(z.object({ routingKeySecretId: nonEmpty, eventsUrl: z.optional(z.url()) })),
    webhook: z.optional(z.object({ secretId: nonEmpty })),
    teams: z.optional(z.object({ webhookSecretId: nonEmpty })),
  }),
  maintenanceWindows: z.optional(
    z.array(
      z.object({
        name: nonEmpty,
        timeZone: nonEmpty,
        mode: z.enum(['quiet', 'silent']),
        cron: z.optional(nonEmpty),
        durationMinutes: z.optional(z.int().check(z.positive())),
        start: z.optional(z.iso.datetime()),
        end: z.optional(z.iso.datetime()),
        api: z.optional(nonEmpty),
        stages: z.optional(z.array(nonEmpty)),
      }),
    ),
  ),
  trust: TrustRuntimeSchema,
  routes: z.optional(
    z.array(
      z.object({
        kind: z.enum(API_KINDS),
        api: nonEmpty,
        stage: z.optional(nonEmpty),
        slackChannel: z.optional(nonEmpty),
        jiraProjectKey: z.optional(nonEmpty),
        pagerdutyRoutingKeySecretId: z.optional(nonEmpty),
        webhookSecretId: z.optional(nonEmpty),
        teamsWebhookSecretId: z.optional(nonEmpty),
      }),
    ),
  ),
  crossAccountRoles: z.optional(ReadRolesSchema),
}) satisfies z.ZodMiniType<ResponderRuntimeConfig>;

/** Parses and validates the JSON of RESPONDER_CONFIG; throws RuntimeConfigError naming what is wrong. */
export function parseRuntimeConfig(text: string | undefined): ResponderRuntimeConfig {
  if (text === undefined || text.trim() === '') {
    throw new RuntimeConfigError(
      `${RUNTIME_CONFIG_ENV} is not set: the stack passes the responder's configuration in it`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RuntimeConfigError(`${RUNTIME_CONFIG_ENV} is not valid JSON`, { cause: error });
  }
  const parsed = RuntimeConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, json, 5);
    throw new RuntimeConfigError(`${RUNTIME_CONFIG_ENV} is invalid: ${problems}`);
  }
  return parsed.data;
}
