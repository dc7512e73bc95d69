/** Builds the RESPONDER_CONFIG the Lambda reads: names and ids only, never a secret value. */
import type { ResponderRuntimeConfig } from '../../functions/runtime-config';
import type { ResolvedConfig } from '../config/resolved-config';

/** `own`: the stack's account and region (tokens CloudFormation resolves at deploy time). */
export function buildRuntimeConfig(
  config: ResolvedConfig,
  tableName: string,
  own: { readonly account: string; readonly region: string },
): ResponderRuntimeConfig {
  return {
    version: 1,
    tableName,
    groupingWindowMinutes: config.groupingWindowMinutes,
    notifyReserveMs: config.responder.notifyReserveMs,
    probes: config.probes,
    activeHealthCheck: config.activeHealthCheck,
    watched: config.apis.map((api) => ({
      kind: api.kind,
      ...(api.id === undefined ? {} : { id: api.id }),
      ...(api.name === undefined ? {} : { name: api.name }),
      stages: api.stages.map((stage) => stage.name),
      ...(api.quoteBodies ? { quoteBodies: true } : {}),
      // What this API's diagnosis may read (functions/diagnosis/api-read-scope.ts); defaults are
      // left out to keep within Lambda's 4 KB of environment.
      ...(api.backendFunctions.length === 0 ? {} : { backendFunctions: api.backendFunctions }),
      ...(api.accessLogGroups.length === 0 ? {} : { accessLogGroups: api.accessLogGroups }),
      ...(api.discovery === 'listed' ? {} : { discovery: api.discovery }),
    })),
    destinations: config.destinations,
    ...(config.maintenanceWindows.length === 0 ? {} : { maintenanceWindows: config.maintenanceWindows }),
    // Only a non-default policy is written: the whole configuration must fit Lambda's 4 KB.
    ...(config.redaction.clientIps === 'mask' ? {} : { redaction: { clientIps: config.redaction.clientIps } }),
    trust: { account: own.account, region: own.region, ...config.trust },
    ...(config.routes.length === 0 ? {} : { routes: config.routes }),
    ...(config.crossAccountRoles.length === 0 ? {} : { crossAccountRoles: config.crossAccountRoles }),
  };
}
