/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy`. Reads apigw-responder.config.ts; an invalid
 * config stops synth with a message naming the field and how to fix it.
 */
import { config } from '../apigw-responder.config';
import { buildAppOrExit } from '../lib/app/build-app';

buildAppOrExit(config);
