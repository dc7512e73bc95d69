/**
 * The CDK app of a config file other than apigw-responder.config.ts, for `deploy:local --config
 * FILE` and the integration test: the file is named by APIGW_RESPONDER_CONFIG_FILE and must export
 * `config`, like the project's own config file.
 */
import { resolve } from 'node:path';
import type { AppConfig } from '../../lib';
import { buildAppOrExit } from '../../lib/app/build-app';

export const CONFIG_FILE_ENV = 'APIGW_RESPONDER_CONFIG_FILE';

if (require.main === module) {
  const file = process.env[CONFIG_FILE_ENV];
  if (file === undefined || file === '') throw new Error(`${CONFIG_FILE_ENV} is not set`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config file is chosen at run time
  const { config } = require(resolve(file)) as { config: AppConfig };
  buildAppOrExit(config);
}
