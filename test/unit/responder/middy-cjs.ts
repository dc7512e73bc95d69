/**
 * @middy/core 6 is ESM only, which jest's CommonJS module system cannot load (jest.config.cjs does
 * not transform node_modules). Tests that load the handler mock it with this: the real middy code,
 * compiled to CommonJS the way esbuild compiles it into the Lambda bundle.
 *
 *   jest.mock('@middy/core', () => jest.requireActual<typeof MiddyCjs>('./middy-cjs').loadMiddy());
 */
import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

export function loadMiddy(): unknown {
  const source = readFileSync(require.resolve('@middy/core'), 'utf8');
  const { code } = transformSync(source, { format: 'cjs', platform: 'node', target: 'node20' });
  const compiled = { exports: {} as unknown };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const load = new Function('module', 'exports', 'require', code) as (
    m: unknown,
    e: unknown,
    r: NodeJS.Require,
  ) => void;
  load(compiled, compiled.exports, require);
  return compiled.exports;
}
