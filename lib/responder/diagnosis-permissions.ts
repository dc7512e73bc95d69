/**
 * The diagnosis' IAM: exactly the union of the enabled probes' declared statements
 * (functions/diagnosis/permissions.ts), scoped to the watched APIs, in every region the
 * configuration watches: the stack's own and `regions` (whose alarms the gate accepts, so whose
 * APIs the responder diagnoses), plus the incident graph's GetMetricWidgetImage where the graph is
 * posted. IAM roles are global: one role serves them all, from the one list. The responder's role
 * and each member account's read role are granted from here, so both read the same.
 *
 * Several regions do not repeat the resources once per region: IAM never splits a statement, and
 * one statement's ARNs over every region outgrow a managed policy's 6,144 characters (review 6 #2).
 * Each statement names its resources once with the region as `*` and is held to the watched
 * regions by `aws:RequestedRegion`, so its size does not grow with `regions`
 * (policy-size-check.ts still fails synth on any document over IAM's limits).
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import {
  PROBE_PERMISSIONS,
  type PermissionScope,
  type PermissionStatement,
} from '../../functions/diagnosis/permissions';
import type { ProbeName } from '../../functions/types';
import type { ResolvedConfig } from '../config/resolved-config';
import type { DestinationsConfig } from '../../functions/runtime-config';
import { checkPolicySizes } from './policy-size-check';
import type { WildcardAcknowledgements } from './wildcard-acknowledgements';

/** One scope per watched region: the responder's own (`homeRegion`, by default this stack's) first, then `regions`. */
export function permissionScopes(
  scope: IConstruct,
  config: Pick<ResolvedConfig, 'apis' | 'trust'>,
  homeRegion?: string,
): PermissionScope[] {
  const stack = Stack.of(scope);
  const apis = config.apis.map((api) => ({
    kind: api.kind,
    ...(api.id === undefined ? {} : { id: api.id }),
    ...(api.name === undefined ? {} : { name: api.name }),
    stages: api.stages.map((stage) => stage.name),
    backendFunctions: api.backendFunctions,
    accessLogGroups: api.accessLogGroups,
    discovery: api.discovery,
  }));
  return [...new Set([homeRegion ?? stack.region, ...config.trust.regions])].map((region) => ({
    partition: stack.partition,
    region,
    account: stack.account,
    apis,
  }));
}

/**
 * The incident graph (functions/notify/graph): CloudWatch draws it in the account whose metrics it
 * shows, so whichever role reads an account for the diagnosis draws that account's graph too (the
 * responder's own role here, a member's read role there: functions/notify/graph/account-graph.ts).
 */
export const GRAPH_STATEMENT: PermissionStatement = {
  actions: ['cloudwatch:GetMetricWidgetImage'],
  resources: () => ['*'],
  wildcardReason: 'cloudwatch:GetMetricWidgetImage supports no resource-level permissions.',
};

/** What a role reads: the enabled probes, and whether the incident graph is drawn with it. */
export interface DiagnosisReads {
  readonly probes: readonly ProbeName[];
  readonly graph: boolean;
}

/** Whether incidents carry a graph image: uploaded into the Slack thread (bot mode) or attached to the Jira issue. */
export function postsGraphImage(destinations: DestinationsConfig): boolean {
  return destinations.slack?.mode === 'bot' || destinations.jira !== undefined;
}

/** The responder's reads for a configuration (its own role and every member's read role). */
export function responderReads(config: Pick<ResolvedConfig, 'probes' | 'destinations'>): DiagnosisReads {
  return { probes: config.probes, graph: postsGraphImage(config.destinations) };
}

const REGION_WILDCARD_REASON =
  'The region is * only in the ARN: the aws:RequestedRegion condition holds the statement to the watched regions.';

/** The scopes (the same APIs in each watched region) as one scope, and the condition naming the regions when several. */
function acrossRegions(scopes: readonly PermissionScope[]): {
  scope: PermissionScope | undefined;
  conditions?: Record<string, Record<string, string[]>>;
} {
  const regions = [...new Set(scopes.map((scope) => scope.region))];
  const first = scopes[0];
  if (first === undefined || regions.length < 2) return { scope: first };
  return {
    scope: { ...first, region: '*' },
    conditions: { StringEquals: { 'aws:RequestedRegion': regions } },
  };
}

/** Grants the enabled probes' statements once each (probes share some), in every scope's region, and records wildcard reasons. */
export function grantDiagnosis(
  grantee: IGrantable,
  scopes: readonly PermissionScope[],
  reads: DiagnosisReads,
  acknowledgements: WildcardAcknowledgements,
): void {
  // The roles that hold the diagnosis are the large ones: their stack fails synth over IAM's limits.
  if (Construct.isConstruct(grantee)) checkPolicySizes(grantee);
  const { scope, conditions } = acrossRegions(scopes);
  if (scope === undefined) return;
  const statements = new Set<PermissionStatement>(
    PROBE_PERMISSIONS.filter((declaration) => reads.probes.includes(declaration.probe)).flatMap(
      (declaration) => declaration.statements,
    ),
  );
  if (reads.graph) statements.add(GRAPH_STATEMENT);
  for (const statement of statements) {
    const resources = [...new Set(statement.resources(scope))];
    // No API lists (or opted in to) what this statement reads: nothing to grant.
    if (resources.length === 0) continue;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...statement.actions], resources, ...(conditions ? { conditions } : {}) }),
    );
    const reason =
      conditions === undefined
        ? statement.wildcardReason
        : [statement.wildcardReason, REGION_WILDCARD_REASON].filter((r) => r !== undefined).join(' ');
    acknowledgements.add(resources, reason, statement.actions);
  }
}
