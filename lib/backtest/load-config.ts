/**
 * Loads a configuration file the way `cdk synth` does (the same validation, the same field-named
 * errors), for commands that read the user's config. The file is TypeScript run by tsx; it exports
 * `config` (as apigw-responder.config.ts does) or a default export.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import type { ResolvedConfig } from '../config/resolved-config';
import { validateConfig } from '../config/validate-config';

export const DEFAULT_CONFIG_FILE = 'apigw-responder.config.ts';

export class ConfigFileError extends Error {}

export function loadConfigFile(file: string): ResolvedConfig {
  const path = resolve(file);
  if (!existsSync(path)) throw new ConfigFileError(`config file ${file} does not exist`);
  let loaded: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CLI runs under tsx's require hook
    loaded = require(path);
  } catch (error) {
    throw new ConfigFileError(`cannot load ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const exports = loaded as { readonly config?: unknown; readonly default?: unknown };
  const config = exports.config ?? exports.default;
  if (config === undefined) {
    throw new ConfigFileError(
      `${file} exports no configuration: export it as \`config\` (export const config = {...})`,
    );
  }
  try {
    return validateConfig(config as AppConfig, ['stackName', 'env']);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigFileError(`${file}: ${error.message}`);
    throw error;
  }
}
