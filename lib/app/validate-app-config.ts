/** Validates the standalone app's settings (stack name, environment) with the rest of the config. */
import type { AppConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import { isRecord, Issues } from '../config/issues';
import { validateConfig } from '../config/validate-config';

export const DEFAULT_STACK_NAME = 'ApiGatewayResponder';

export interface ValidatedAppConfig {
  readonly stackName: string;
  readonly env?: { readonly account?: string; readonly region?: string };
}

export function validateAppConfig(config: AppConfig): ValidatedAppConfig {
  const issues = new Issues();
  const stackName = config.stackName ?? DEFAULT_STACK_NAME;
  issues.text(
    'stackName',
    stackName,
    /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
    'a CloudFormation stack name (a letter, then letters, digits and -)',
  );
  if (config.env !== undefined) {
    if (!isRecord(config.env)) {
      issues.add(
        'env',
        'is not an object',
        'Use { account: "123456789012", region: "eu-west-1" } or remove it for an environment-agnostic stack.',
      );
    } else {
      issues.unknownKeys('env', config.env, ['account', 'region']);
      if (config.env.account !== undefined)
        issues.text('env.account', config.env.account, /^\d{12}$/, 'a 12-digit account id');
      if (config.env.region !== undefined)
        issues.text('env.region', config.env.region, /^[a-z]{2}(-[a-z]+)+-\d$/, 'a region name, e.g. eu-west-1');
    }
  }
  let problems: readonly string[] = [];
  try {
    validateConfig(config, ['stackName', 'env']);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = error.problems;
  }
  if (issues.list.length > 0 || problems.length > 0) throw new ConfigError([...issues.list, ...problems]);
  return { stackName, ...(config.env === undefined ? {} : { env: config.env }) };
}
