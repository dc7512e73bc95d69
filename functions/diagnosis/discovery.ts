/**
 * Shared discovery: the API model (stage, integrations, authorizers, VPC links) and backend
 * function configuration, each fetched once per diagnosis however many probes ask. The first
 * probe to ask makes the calls (they count as its calls); a later probe's timeout cannot cancel
 * them for the others because they run under the overall deadline's signal.
 */
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { CouldNotCheckFinding, Incident, MetricsFinding } from '../types';
import type { ApiModel } from './api-model';
import { mayReadAccessLogGroup, mayReadFunction, NotListedError, notListedFinding } from './api-read-scope';
import type { ApiReadScope, NotListedResource } from './api-read-scope';
import { loadBackendRanking } from './backend-ranking';
import type { BackendRanking } from './backend-ranking';
import { callScope } from './call-scope';
import type { AwsClients } from './clients';
import { createFailingRoutes } from './failing-routes';
import { loadHttpApiModel } from './http-api-model';
import { loadRestApiModel } from './rest-api-model';
import { computeApiMetrics } from './probes/metrics';

// The model and its loaders live in their own files; importers of discovery keep working.
export type {
  ApiModel,
  ModelAuthorizer,
  ModelIntegration,
  ModelMethodThrottle,
  ModelStage,
  ModelVpcLink,
} from './api-model';
export { ApiNotFoundError, lambdaFunctionOf } from './api-model';
export { resolveHttpApi } from './http-api-model';
export { resolveRestApi } from './rest-api-model';

export interface Discovery {
  apiModel(): Promise<ApiModel>;
  /** The API's id and name once a probe has loaded the model (a REST API watched by name gets its id here). */
  resolvedApi(): { readonly id: string; readonly name?: string } | undefined;
  functionConfiguration(name: string): Promise<FunctionConfiguration>;
  /** Reserved concurrency; undefined when none is set. */
  reservedConcurrency(name: string): Promise<number | undefined>;
  /** The API's metrics over the window (the metrics probe reports them; log readers use the onset). */
  apiMetrics(): Promise<MetricsFinding>;
  /** Backend functions ranked by the failing requests' routes, then their metrics: the few to deep-dive and the rest. */
  backendRanking(): Promise<BackendRanking>;
  /** Whether the API's read scope lets a probe read this access-log group (a refusal is recorded). */
  mayReadAccessLogGroup(group: string): boolean;
  /** What the read scope refused so far, as "not checked" findings (each resource once). */
  notListed(): readonly CouldNotCheckFinding[];
  /** The access-log probe's failing routes (route → failing requests); the first report wins. */
  reportFailingRoutes(routes: ReadonlyMap<string, number>): void;
}

/** Runs `fn` in the caller's call scope but under `signal`, so one probe's timeout spares the others. */
function shared<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  const calls = callScope.getStore()?.calls ?? [];
  return callScope.run({ calls, signal }, fn);
}

/** A rejected promise nobody awaits must not crash the process: the caller that awaits sees it. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

function memo<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= quiet(make()));
}

export function createDiscovery(
  incident: Incident,
  clients: AwsClients,
  signal: AbortSignal,
  options: {
    readonly deepDive: number;
    readonly readScope?: ApiReadScope;
    /** Epoch ms until which the ranking waits for the failing routes. @default no wait */
    readonly routesWaitUntil?: number;
  },
): Discovery {
  const { readScope } = options;
  const failingRoutes = createFailingRoutes(options.routesWaitUntil ?? 0, signal);
  let resolved: { readonly id: string; readonly name?: string } | undefined;
  const refused = new Map<string, NotListedResource>();
  const refuse = (resource: NotListedResource): void => {
    refused.set(`${resource.kind}:${resource.name}`, resource);
  };
  /** The one place the backend functions to read are decided: the model's list, cut to the API's scope. */
  const inScope = (model: ApiModel): ApiModel => {
    const functions = model.functions.filter((f) => mayReadFunction(readScope, f.name));
    if (functions.length === model.functions.length) return model;
    for (const f of model.functions) {
      if (!functions.includes(f)) refuse({ kind: 'function', name: f.name });
    }
    return { ...model, functions };
  };
  const apiModel = memo(() =>
    shared(signal, () =>
      incident.api.kind === 'HTTP' ? loadHttpApiModel(clients, incident) : loadRestApiModel(clients, incident),
    ).then((model) => {
      resolved = model.name === undefined ? { id: model.id } : { id: model.id, name: model.name };
      return inScope(model);
    }),
  );
  /** A probe that names a function itself is held to the same scope. */
  const guardFunction = (name: string): Promise<never> | undefined => {
    if (mayReadFunction(readScope, name)) return undefined;
    refuse({ kind: 'function', name });
    return quiet(Promise.reject(new NotListedError(`${name} is not listed for ${readScope?.api ?? 'this API'}`)));
  };
  const configs = new Map<string, Promise<FunctionConfiguration>>();
  const concurrency = new Map<string, Promise<number | undefined>>();
  const apiMetrics = memo(() => shared(signal, () => computeApiMetrics(clients, incident, apiModel())));
  const backendRanking = memo(() =>
    shared(signal, async () =>
      loadBackendRanking(clients, incident, await apiModel(), options.deepDive, () => failingRoutes.wait()),
    ),
  );
  return {
    apiModel,
    apiMetrics,
    backendRanking,
    resolvedApi: () => resolved,
    mayReadAccessLogGroup(group) {
      if (mayReadAccessLogGroup(readScope, group)) return true;
      refuse({ kind: 'access log group', name: group });
      return false;
    },
    notListed: () =>
      readScope === undefined ? [] : [...refused.values()].map((resource) => notListedFinding(readScope, resource)),
    reportFailingRoutes: (routes) => failingRoutes.report(routes),
    functionConfiguration(name) {
      const refusal = guardFunction(name);
      if (refusal !== undefined) return refusal;
      let p = configs.get(name);
      if (p === undefined) {
        p = quiet(
          shared(signal, () => clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))),
        );
        configs.set(name, p);
      }
      return p;
    },
    reservedConcurrency(name) {
      const refusal = guardFunction(name);
      if (refusal !== undefined) return refusal;
      let p = concurrency.get(name);
      if (p === undefined) {
        p = quiet(
          shared(signal, async () => {
            const out = await clients.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }));
            return out.ReservedConcurrentExecutions;
          }),
        );
        concurrency.set(name, p);
      }
      return p;
    },
  };
}
