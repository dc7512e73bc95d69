/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy`. Reads apigw-responder.config.ts; an invalid
 * config stops synth with a message naming the field and how to fix it.
 */
import { config } from '../apigw-responder.config';
import { buildApp } from '../lib/app/build-app';
import { ConfigError } from '../lib/config/config-error';

try {
  buildApp(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // The message is the whole story; a stack trace would only bury it.
  console.error(error.message);
  process.exit(1);
}
