/**
 * esbuild settings of the responder bundle: one source of truth for the CDK function construct
 * and for the benchmark that measures the bundle, so the numbers describe what is deployed.
 */
export const RESPONDER_BUNDLING = {
  /** Matches the Lambda runtime (FUNCTION_RUNTIME, Node.js 24). */
  target: 'node24',
  minify: true,
  sourceMap: true,
  /**
   * The AWS SDK v3 comes from the Lambda runtime (every Node.js runtime since 18 ships it).
   * Measured with `npm run bench`: bundling it made the artefact 1.83 MB and module init 2.3x
   * bare node; leaving it to the runtime gives about 0.4 MB and 1.6x. The responder only uses
   * long-stable operations, so the runtime's SDK version does not matter to it.
   */
  externalModules: ['@aws-sdk/*'] as readonly string[],
} as const;
