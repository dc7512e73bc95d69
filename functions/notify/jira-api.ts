/**
 * The one way to call Jira Cloud's REST API: the site without trailing slashes, the credentials
 * from the secret as an Authorization header, JSON both ways, errors as httpRequest's
 * DeliveryError (origin only, status classified). The notifier and the Slack button's
 * acknowledge comment both call Jira through it.
 */
import type { JiraDestinationConfig } from '../runtime-config';
import { DestinationConfigError } from './errors';
import type { FetchLike } from './http';
import { httpRequest } from './http';
import type { SecretReader } from './secrets';
import { secretObject } from './secrets';

export function jiraAuthorization(raw: string, secretId: string): string {
  const secret = secretObject(raw, secretId);
  if (secret.bearerToken !== undefined) return `Bearer ${secret.bearerToken}`;
  if (secret.email !== undefined && secret.apiToken !== undefined) {
    return `Basic ${Buffer.from(`${secret.email}:${secret.apiToken}`).toString('base64')}`;
  }
  throw new DestinationConfigError(`secret ${secretId} needs {"email","apiToken"} or {"bearerToken"}`);
}

/** The site's base URL as requests start from it. */
export function jiraSiteUrl(config: Pick<JiraDestinationConfig, 'site'>): string {
  return config.site.replace(/\/+$/, '');
}

/** `/rest/api/3/issue/<key><rest>`, the key encoded. */
export function jiraIssuePath(issueKey: string, rest = ''): string {
  return `/rest/api/3/issue/${encodeURIComponent(issueKey)}${rest}`;
}

/** GET without a body, POST with one; resolves with the parsed JSON answer. */
export type JiraApi = (path: string, signal: AbortSignal, body?: unknown) => Promise<unknown>;

export function jiraApi(
  config: Pick<JiraDestinationConfig, 'site' | 'secretId'>,
  deps: { readonly secrets: SecretReader; readonly fetch?: FetchLike },
): JiraApi {
  const site = jiraSiteUrl(config);
  return async (path, signal, body) => {
    const authorization = jiraAuthorization(await deps.secrets(config.secretId), config.secretId);
    const response = await httpRequest({
      url: `${site}${path}`,
      headers: { authorization, accept: 'application/json' },
      body,
      signal,
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    });
    return response.json;
  };
}
