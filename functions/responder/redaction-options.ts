/**
 * The redaction options of one incident: the deployment's client-IP policy and its API's
 * `quoteBodies`. An API the configuration does not list gets the defaults (bodies described).
 */
import type { RedactionOptions } from '../redact';
import type { ResponderRuntimeConfig } from '../runtime-config';
import type { ApiRef } from '../types';

export function redactionFor(config: ResponderRuntimeConfig, api: ApiRef | undefined): RedactionOptions {
  const clientIps = config.redaction?.clientIps ?? 'mask';
  const watched =
    api === undefined
      ? undefined
      : config.watched.find(
          (w) =>
            w.kind === api.kind &&
            ((w.id !== undefined && w.id === api.id) || (w.name !== undefined && w.name === api.name)),
        );
  return { clientIps, quoteBodies: watched?.quoteBodies === true };
}
