/**
 * node:util's parseArgs as every option-style command uses it: strict, no positionals, and a bad
 * option returned as its message for the command's own usage error (exit 2) instead of thrown.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
