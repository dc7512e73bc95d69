/**
 * How code finds the emulator: the endpoint in SANDBOX_ENDPOINT_ENV (set by jest's integration
 * setup and printed by `npm run sandbox start`), plus the SDK's own AWS_ENDPOINT_URL.
 */
export const SANDBOX_ENDPOINT_ENV = 'APIGW_RESPONDER_SANDBOX_ENDPOINT';
export const SANDBOX_REGION = 'us-east-1';
/** moto's default account. */
export const SANDBOX_ACCOUNT = '123456789012';

/** An SDK client's configuration for the emulator: its endpoint, the sandbox region, dummy credentials. */
export function sandboxClientConfig(endpoint: string) {
  return { endpoint, region: SANDBOX_REGION, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
}

/** The environment that points every SDK client at the emulator with dummy credentials. */
export function sandboxEnvironment(endpoint: string): Record<string, string> {
  return {
    [SANDBOX_ENDPOINT_ENV]: endpoint,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing',
    AWS_REGION: SANDBOX_REGION,
    AWS_DEFAULT_REGION: SANDBOX_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** The emulator endpoint; throws at once when the integration setup did not start one. */
export function requireSandboxEndpoint(): string {
  const endpoint = process.env[SANDBOX_ENDPOINT_ENV];
  if (endpoint === undefined || endpoint === '' || !/^http:\/\/127\.0\.0\.1:\d+$/.test(endpoint)) {
    throw new Error(
      `${SANDBOX_ENDPOINT_ENV} is not set to a local emulator (got ${JSON.stringify(endpoint)}): run integration tests through jest's integration project, whose global setup starts moto server`,
    );
  }
  return endpoint;
}
