/**
 * The diagnosis' IAM: exactly the union of the enabled probes' declared statements
 * (functions/diagnosis/permissions.ts), scoped to the watched APIs.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import {
  PROBE_PERMISSIONS,
  type PermissionScope,
  type PermissionStatement,
} from '../../functions/diagnosis/permissions';
import type { ProbeName } from '../../functions/types';
import type { ResolvedApi } from '../config/resolved-config';
import type { WildcardAcknowledgements } from './wildcard-acknowledgements';

export function permissionScope(scope: IConstruct, apis: readonly ResolvedApi[]): PermissionScope {
  const stack = Stack.of(scope);
  return {
    partition: stack.partition,
    region: stack.region,
    account: stack.account,
    apis: apis.map((api) => ({
      kind: api.kind,
      ...(api.id === undefined ? {} : { id: api.id }),
      ...(api.name === undefined ? {} : { name: api.name }),
      stages: api.stages.map((stage) => stage.name),
      backendFunctions: api.backendFunctions,
      accessLogGroups: api.accessLogGroups,
      discovery: api.discovery,
    })),
  };
}

/** Grants the enabled probes' statements once each (probes share some) and records wildcard reasons. */
export function grantDiagnosis(
  grantee: IGrantable,
  scope: PermissionScope,
  probes: readonly ProbeName[],
  acknowledgements: WildcardAcknowledgements,
): void {
  const statements = new Set<PermissionStatement>(
    PROBE_PERMISSIONS.filter((declaration) => probes.includes(declaration.probe)).flatMap(
      (declaration) => declaration.statements,
    ),
  );
  for (const statement of statements) {
    const resources = statement.resources(scope);
    // No API lists (or opted in to) what this statement reads: nothing to grant.
    if (resources.length === 0) continue;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...statement.actions], resources: [...resources] }),
    );
    acknowledgements.add(resources, statement.wildcardReason, statement.actions);
  }
}
