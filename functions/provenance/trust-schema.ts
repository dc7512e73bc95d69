/** RESPONDER_CONFIG.trust, validated at cold start with the rest of the runtime configuration. */
import * as z from 'zod/mini';
import type { TrustRuntimeConfig } from './trust-policy';

const account = z.string().check(z.regex(/^\d{12}$/));
const region = z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/));

export const TrustRuntimeSchema = z.object({
  account,
  region,
  trustedAccounts: z.array(account),
  regions: z.array(region),
  allowedAlarms: z.array(z.string().check(z.minLength(1), z.maxLength(255))),
  maxEventAgeHours: z.number().check(z.positive(), z.lte(24 * 30)),
  maxClockSkewMinutes: z.number().check(z.gte(0), z.lte(60)),
}) satisfies z.ZodMiniType<TrustRuntimeConfig>;
