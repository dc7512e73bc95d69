/** RESPONDER_CONFIG.crossAccountRoles, validated at cold start with the rest of the runtime configuration. */
import * as z from 'zod/mini';
import { EXTERNAL_ID, ROLE_ARN, type ReadRoleRuntime } from './read-roles';

export const ReadRolesSchema = z.array(
  z.object({
    roleArn: z.string().check(z.regex(ROLE_ARN)),
    externalId: z.optional(z.string().check(z.regex(EXTERNAL_ID))),
  }),
) satisfies z.ZodMiniType<readonly ReadRoleRuntime[]>;
