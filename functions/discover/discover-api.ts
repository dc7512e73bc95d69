/**
 * `apigw-responder discover`: reads one API with the user's credentials (read-only: Get* calls
 * only) and says what least privilege needs in the config: its stages, the backend functions its
 * integrations and authorizers invoke, and the access-log groups its stages write to. Reuses the
 * diagnosis' API model loaders, so discover sees exactly what the probes will look for.
 */
import { GetStagesCommand as GetRestStagesCommand } from '@aws-sdk/client-api-gateway';
import { GetStagesCommand as GetHttpStagesCommand } from '@aws-sdk/client-apigatewayv2';
import type { AwsClients } from '../diagnosis/clients';
import { buildIncident } from '../diagnosis/incident';
import { loadHttpApiModel } from '../diagnosis/http-api-model';
import { loadRestApiModel } from '../diagnosis/rest-api-model';
import type { ApiKind } from '../types';

export interface DiscoveredApi {
  readonly kind: ApiKind;
  readonly id: string;
  readonly name?: string;
  readonly stages: readonly string[];
  readonly backendFunctions: readonly string[];
  readonly accessLogGroups: readonly string[];
  /** What could not be read, or was left out, and why (shown to the user). */
  readonly notes: readonly string[];
}

export interface DiscoverOptions {
  readonly kind: ApiKind;
  /** Id or name. */
  readonly api: string;
  readonly region: string;
  readonly progress?: (line: string) => void;
}

/** A function name, or undefined when the integration names a function by variable or in another account. */
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** `arn:aws:logs:region:account:log-group:NAME[:*]` → NAME. */
function logGroupName(arn: string): string | undefined {
  return /:log-group:([^:]+)(:\*)?$/.exec(arn)?.[1];
}

async function stageNames(clients: AwsClients, kind: ApiKind, id: string): Promise<string[]> {
  if (kind === 'REST') {
    const page = await clients.apiGateway.send(new GetRestStagesCommand({ restApiId: id }));
    return (page.item ?? []).flatMap((s) => (s.stageName === undefined ? [] : [s.stageName]));
  }
  const page = await clients.apiGatewayV2.send(new GetHttpStagesCommand({ ApiId: id, MaxResults: '500' }));
  return (page.Items ?? []).flatMap((s) => (s.StageName === undefined ? [] : [s.StageName]));
}

export async function discoverApi(clients: AwsClients, options: DiscoverOptions): Promise<DiscoveredApi> {
  const progress = options.progress ?? (() => undefined);
  progress(`finding ${options.kind} API "${options.api}" in ${options.region}…`);
  // The stage does not matter for resolving the API: the first real one replaces it below.
  const base = await buildIncident(
    { kind: options.kind, api: options.api, stage: 'discover', region: options.region },
    clients,
  );
  const id = base.api.id ?? options.api;
  const name = base.api.name;
  progress(`found ${id}${name === undefined ? '' : ` (${name})`}; listing its stages…`);
  const stages = await stageNames(clients, options.kind, id);
  const functions = new Set<string>();
  const groups = new Set<string>();
  const notes: string[] = [];
  for (const stage of stages) {
    progress(`reading stage ${stage}: routes, integrations, authorizers, log settings…`);
    const incident = { ...base, api: { ...base.api, stage } };
    const model =
      options.kind === 'REST' ? await loadRestApiModel(clients, incident) : await loadHttpApiModel(clients, incident);
    for (const fn of model.functions) {
      if (FUNCTION_NAME.test(fn.name)) functions.add(fn.name);
      else
        notes.push(
          `stage ${stage}: ${fn.role} function "${fn.name}" is not a plain function name (a stage variable?): add it by hand`,
        );
    }
    if (model.authorizersError !== undefined)
      notes.push(`stage ${stage}: authorizers not read (${model.authorizersError})`);
    const group = model.stage.accessLogGroupArn === undefined ? undefined : logGroupName(model.stage.accessLogGroupArn);
    if (group !== undefined) groups.add(group);
    else notes.push(`stage ${stage}: no access logging configured (the access-log probe will have nothing to read)`);
  }
  if (stages.length === 0) notes.push('the API has no stages yet: add the stage names to watch by hand');
  return {
    kind: options.kind,
    id,
    ...(name === undefined ? {} : { name }),
    stages,
    backendFunctions: [...functions].sort(),
    accessLogGroups: [...groups].sort(),
    notes,
  };
}
