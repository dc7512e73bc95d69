/**
 * The redaction options of one incident: the deployment's client-IP policy and its API's
 * `quoteBodies`. An API the configuration does not list gets the defaults (bodies described).
 */
import { watchedApiOf } from '../diagnosis/api-read-scope';
import type { RedactionOptions } from '../redact';
import type { ResponderRuntimeConfig } from '../runtime-config';
import type { ApiRef } from '../types';

export function redactionFor(config: ResponderRuntimeConfig, api: ApiRef | undefined): RedactionOptions {
  const clientIps = config.redaction?.clientIps ?? 'mask';
  // The same watched entry the provenance gate and the read scope take for this API.
  const watched = api === undefined ? undefined : watchedApiOf(config.watched, api);
  return { clientIps, quoteBodies: watched?.quoteBodies === true };
}
