/**
 * Least privilege per API at run time. IAM is one role per responder, so it grants the union of
 * every watched API's listed functions and log groups (functions/diagnosis/permissions.ts). Without
 * this rule an incident of API A, or an integration URI on A that names API B's function (forged or
 * mistaken), would make the probes read B's function configuration, metrics, changes and logs.
 *
 * The scope is the incident's own API's lists: with `discovery: 'listed'` a probe reads only the
 * functions in `backendFunctions` (and their `/aws/lambda/<name>` log groups) and the access-log
 * groups in `accessLogGroups`; anything else becomes a "not checked" finding, never a silent skip.
 * With `discovery: 'account-wide'` nothing is filtered. Execution logs need no check: their group
 * is named from the incident's own API id and stage, which the provenance gate matched against the
 * watched list.
 */
import type { WatchedApiRuntime } from '../runtime-config';
import type { ApiRef, CouldNotCheckFinding } from '../types';
import { lambdaFunctionName } from '../lambda-function-name';

export interface ApiReadScope {
  /** The API as messages name it, e.g. "REST API orders-api". */
  readonly api: string;
  /** The command that lists the API's backends and access-log groups. */
  readonly discoverCommand: string;
  readonly discovery: 'listed' | 'account-wide';
  readonly backendFunctions: readonly string[];
  readonly accessLogGroups: readonly string[];
}

/** What a probe was about to read and the scope refused. */
export interface NotListedResource {
  readonly kind: 'function' | 'access log group';
  readonly name: string;
}

/** The watched entry of an incident's API: REST APIs by name (CloudWatch's ApiName), HTTP APIs by id. */
export function watchedApiOf(
  watched: readonly WatchedApiRuntime[],
  api: Pick<ApiRef, 'kind' | 'id' | 'name'>,
): WatchedApiRuntime | undefined {
  return watched.find(
    (w) =>
      w.kind === api.kind &&
      (api.kind === 'REST' ? w.name !== undefined && w.name === api.name : w.id !== undefined && w.id === api.id),
  );
}

/**
 * The read scope of an incident's API. An API missing from the watched list (the gate refuses
 * those before any diagnosis) gets an empty 'listed' scope: it may read nothing.
 */
export function readScopeOf(
  api: Pick<ApiRef, 'kind' | 'id' | 'name'>,
  watched: WatchedApiRuntime | undefined,
): ApiReadScope {
  const ref = api.kind === 'REST' ? (api.name ?? api.id) : (api.id ?? api.name);
  return {
    api: `${api.kind} API ${ref ?? '?'}`,
    discoverCommand: `npx apigw-responder discover --api ${ref ?? '<name or id>'}${api.kind === 'HTTP' ? ' --kind http' : ''}`,
    discovery: watched?.discovery ?? 'listed',
    backendFunctions: watched?.backendFunctions ?? [],
    accessLogGroups: watched?.accessLogGroups ?? [],
  };
}

/** Function names compare bare: an integration's qualifier (`:live`) or a listed ARN names the same function. */
export function mayReadFunction(scope: ApiReadScope | undefined, name: string): boolean {
  if (scope === undefined || scope.discovery === 'account-wide') return true;
  const bare = lambdaFunctionName(name);
  return scope.backendFunctions.some((listed) => lambdaFunctionName(listed) === bare);
}

export function mayReadAccessLogGroup(scope: ApiReadScope | undefined, group: string): boolean {
  if (scope === undefined || scope.discovery === 'account-wide') return true;
  return scope.accessLogGroups.includes(group);
}

/** Raised when a probe asks for a function outside its API's scope (the model already leaves them out). */
export class NotListedError extends Error {
  override readonly name = 'NotListedError';
}

/** The finding that replaces a read the scope refused. */
export function notListedFinding(scope: ApiReadScope, resource: NotListedResource): CouldNotCheckFinding {
  const field = resource.kind === 'function' ? 'backendFunctions' : 'accessLogGroups';
  const fix = `add it to ${field} or run \`${scope.discoverCommand}\``;
  const why = `${resource.name} is not listed for ${scope.api}`;
  return {
    type: 'could-not-check',
    probe: resource.kind === 'function' ? 'lambda-backend' : 'access-logs',
    what: `${resource.kind} ${resource.name}`,
    why,
    fix,
    summary: `not checked: ${why} (${fix})`,
  };
}
