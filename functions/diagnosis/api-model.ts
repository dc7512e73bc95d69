/**
 * The API model every probe reads: one shape for REST and HTTP APIs (stage settings,
 * integrations, authorizers, VPC links, backend functions), and the helpers both loaders share
 * to build it.
 */
import type { ApiKind, StageFinding } from '../types';
import { isAbort } from './call-scope';
import { reasonOf } from './probe';

export interface ModelIntegration {
  /** "GET /orders" (REST method + resource path) or the HTTP API route key. */
  readonly route: string;
  readonly type: string;
  readonly uri?: string;
  readonly timeoutMs: number;
  readonly connectionType?: string;
  readonly vpcLinkId?: string;
  readonly credentialsRole?: string;
  readonly authorizerId?: string;
  /** Backend function name when the integration invokes Lambda. */
  readonly lambdaFunction?: string;
}

export interface ModelAuthorizer {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly lambdaFunction?: string;
  readonly credentialsRole?: string;
}

export interface ModelVpcLink {
  readonly id: string;
  readonly status?: string;
  readonly statusMessage?: string;
  /** REST: NLB ARNs. */
  readonly targetArns: readonly string[];
}

export interface ModelMethodThrottle {
  readonly key: string;
  readonly rateLimit?: number;
  readonly burstLimit?: number;
}

/** The stage's settings as the api-config probe reports them, plus what other probes need. */
export interface ModelStage extends Omit<StageFinding, 'type' | 'probe' | 'summary'> {
  readonly name: string;
  readonly methodThrottles: readonly ModelMethodThrottle[];
  readonly createdDate?: string;
}

export interface ApiModel {
  readonly kind: ApiKind;
  readonly id: string;
  readonly name?: string;
  readonly stage: ModelStage;
  readonly integrations: readonly ModelIntegration[];
  readonly authorizers: readonly ModelAuthorizer[];
  /** Why the authorizers could not be listed (the rest of the model stands without them). */
  readonly authorizersError?: string;
  readonly vpcLinks: readonly ModelVpcLink[];
  /** Distinct backend functions: integrations first, then authorizers. */
  readonly functions: readonly { readonly name: string; readonly role: 'integration' | 'authorizer' }[];
}

export class ApiNotFoundError extends Error {
  override readonly name = 'ApiNotFoundError';
}

export function substituteStageVariables(
  text: string,
  variables: Readonly<Record<string, string>> | undefined,
): string {
  return text.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (all, name: string) => variables?.[name] ?? all);
}

export { lambdaFunctionOf } from '../lambda-function-name';

/** Authorizers are optional context: their failure is reported, not fatal to the model. */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await promise };
  } catch (error) {
    if (isAbort(error)) throw error;
    return { error: reasonOf(error) };
  }
}

export function iso(date: Date | undefined): string | undefined {
  return date === undefined ? undefined : date.toISOString();
}

/** The model's `functions`: each backend function once, integrations before authorizers. */
export function functionsOf(integrations: readonly ModelIntegration[], authorizers: readonly ModelAuthorizer[]) {
  const seen = new Set<string>();
  const out: { name: string; role: 'integration' | 'authorizer' }[] = [];
  for (const [name, role] of [
    ...integrations.map((i) => [i.lambdaFunction, 'integration'] as const),
    ...authorizers.map((a) => [a.lambdaFunction, 'authorizer'] as const),
  ]) {
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    out.push({ name, role });
  }
  return out;
}
