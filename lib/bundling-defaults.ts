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
   * Nothing is external: the AWS SDK v3 clients are bundled at the versions the tests ran
   * against instead of whatever the runtime ships that month. Lazy imports keep init cheap.
   */
  externalModules: [] as readonly string[],
} as const;
