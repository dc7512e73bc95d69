/**
 * Destination secrets, read at run time from Secrets Manager (Powertools parameters, cached) and
 * never from environment variables. The reader is injected so tests and the CLI pass their own.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DestinationConfigError } from './errors';

/** Returns the secret's string value. */
export type SecretReader = (secretId: string) => Promise<string>;

export interface SecretReaderOptions {
  /** Cache lifetime: a rotated token is picked up within this many seconds. @default 300 */
  readonly maxAgeSeconds?: number;
  readonly client?: SecretsManagerClient;
}

/** The default reader: Powertools' SecretsProvider, loaded on first use, values cached for maxAge. */
export function createSecretReader(options: SecretReaderOptions = {}): SecretReader {
  let provider: Promise<{ get: (name: string, opts: { maxAge: number }) => Promise<unknown> }> | undefined;
  const maxAge = options.maxAgeSeconds ?? 300;
  return async (secretId) => {
    provider ??= import('@aws-lambda-powertools/parameters/secrets').then(
      ({ SecretsProvider }) =>
        new SecretsProvider(options.client === undefined ? {} : { awsSdkV3Client: options.client }),
    );
    const value = await (await provider).get(secretId, { maxAge });
    if (typeof value === 'string') return value;
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    throw new DestinationConfigError(`secret ${secretId} has no value`);
  };
}

/**
 * One field of a secret stored either as JSON ({"token": "..."}) or as the plain value itself.
 * `field` may list alternatives; the first present wins.
 */
export function secretField(raw: string, secretId: string, ...fields: readonly string[]): string {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('{')) {
    if (trimmed === '') throw new DestinationConfigError(`secret ${secretId} is empty`);
    return trimmed;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    throw new DestinationConfigError(`secret ${secretId} is not valid JSON`, { cause: error });
  }
  const record = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  throw new DestinationConfigError(`secret ${secretId} has no ${fields.join(' or ')} field`);
}

/** A JSON secret with several fields (Jira credentials, webhook url + key). */
export function secretObject(raw: string, secretId: string): Readonly<Record<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new DestinationConfigError(`secret ${secretId} is not valid JSON`, { cause: error });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DestinationConfigError(`secret ${secretId} is not a JSON object`);
  }
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
