/** Builds the RESPONDER_CONFIG the Lambda reads: names and ids only, never a secret value. */
import type { ResponderRuntimeConfig } from '../../functions/runtime-config';
import type { ResolvedConfig } from '../config/resolved-config';

export function buildRuntimeConfig(config: ResolvedConfig, tableName: string): ResponderRuntimeConfig {
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
    })),
    destinations: config.destinations,
    ...(config.routes.length === 0 ? {} : { routes: config.routes }),
  };
}
