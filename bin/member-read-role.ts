/**
 * The member-account CDK app: the read role a central responder assumes to diagnose this
 * account's APIs (docs/cross-account.md). Reads apigw-responder.config.ts, like bin/app.ts:
 *
 *   npx cdk --app 'npx tsx bin/member-read-role.ts' deploy -c principalArns=<ReadRolePrincipal outputs>
 */
import { config } from '../apigw-responder.config';
import { ConfigError } from '../lib/config/config-error';
import { buildMemberApp } from '../lib/cross-account/member-app';

try {
  buildMemberApp(config);
} catch (error) {
  // A bad config or missing principals: the message names the fix; a stack trace would bury it.
  if (!(error instanceof ConfigError) && !(error instanceof Error && error.message.startsWith('principalArns:')))
    throw error;
  console.error(error.message);
  process.exit(1);
}
