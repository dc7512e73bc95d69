/**
 * IAM permissions each probe needs, declared next to the probes (no SDK imports here, so the CDK
 * app can read it cheaply). The responder construct grants exactly the union for the enabled
 * probes; a test fails when a probe calls an operation its declaration does not cover.
 */
import type { ApiKind, ProbeName } from '../types';

/** What the construct knows at synth time about one watched API. */
export interface WatchedApiScope {
  readonly kind: ApiKind;
  /** REST: known only when the config gives it; watched-by-name APIs resolve it at run time. */
  readonly id?: string;
  readonly name?: string;
  readonly stages: readonly string[];
  /** Backend Lambda function names, when the config lists them. */
  readonly backendFunctions: readonly string[];
  /** Access log group names, when the config lists them. */
  readonly accessLogGroups: readonly string[];
}

export interface PermissionScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly apis: readonly WatchedApiScope[];
}

export interface PermissionStatement {
  /** Exact IAM action names: never a wildcard. */
  readonly actions: readonly string[];
  readonly resources: (scope: PermissionScope) => readonly string[];
  /** Required when a resource contains '*': why nothing narrower is possible (shown to cdk-nag). */
  readonly wildcardReason?: string;
}

export interface ProbePermissions {
  readonly probe: ProbeName;
  readonly statements: readonly PermissionStatement[];
  /** AWS operations ("Service.Operation") the probe may call; checked against the calls it makes. */
  readonly operations: readonly string[];
}
