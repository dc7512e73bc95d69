/**
 * A destination URL read from a secret must be https://: the payload carries the incident summary
 * and the webhook's signature, and plain HTTP would hand both to anyone on the path. Loopback
 * (127.0.0.1, localhost, ::1) is the one exception: it never leaves the machine (tests, the demo).
 * The error names the secret and the field, never the URL: the URL is itself a credential.
 */
import { DestinationConfigError } from './errors';
import type { SecretReader } from './secrets';
import { secretField } from './secrets';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function requireHttps(url: string, secretId: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DestinationConfigError(`secret ${secretId} field "${field}": not a URL (expected https://...)`);
  }
  if (parsed.protocol === 'https:') return url;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return url;
  throw new DestinationConfigError(
    `secret ${secretId} field "${field}": must be an https:// URL (got ${parsed.protocol.replace(/:$/, '')}://)`,
  );
}

/**
 * The incoming-webhook URL of a destination (Slack webhook mode, Teams Workflows): the secret holds
 * it as a plain string or as {"url"} / {"webhookUrl"}, and it must be https.
 */
export async function webhookUrlFromSecret(secrets: SecretReader, secretId: string): Promise<string> {
  return requireHttps(secretField(await secrets(secretId), secretId, 'url', 'webhookUrl'), secretId, 'url');
}
