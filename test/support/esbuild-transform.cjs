// Jest transform: TypeScript (and @middy/core's ES modules) to CommonJS with esbuild, the same
// compiler that bundles the Lambda. esbuild ships prebuilt binaries for every platform through
// the registry, so `npm ci` works anywhere; no type checking here (`tsc --noEmit` does that).
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');
const { version } = require('esbuild/package.json');

module.exports = {
  process(sourceText, sourcePath) {
    const { code } = transformSync(sourceText, {
      loader: sourcePath.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      platform: 'node',
      sourcemap: 'inline',
      sourcefile: sourcePath,
      // jest runs CommonJS: lazy import() becomes a lazy require(), as in the Lambda bundle.
      supported: { 'dynamic-import': false },
    });
    return { code };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(version).update(sourcePath).update(sourceText).digest('hex');
  },
};
