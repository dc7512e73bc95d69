/**
 * The configuration after validation: every default applied, every threshold merged down to its
 * stage. Constructs only ever see this shape.
 */
import type { ApiKind, ProbeName } from '../../functions/types';
import type { DestinationsConfig } from '../../functions/runtime-config';
import type { MaintenanceWindow } from '../../functions/suppression/maintenance-windows';
import type { ResolvedRedaction } from './redaction';
import type { RouteRuntime } from '../../functions/routing';
import type { Thresholds } from './thresholds';
import type { ReservedConcurrency } from './reserved-concurrency';
import type { ResolvedTrust } from './trust-config';
import type { SecretUse } from './secret-refs';
import type { ReadRoleRuntime } from '../../functions/cross-account/read-roles';

export interface ResolvedStage {
  readonly name: string;
  readonly thresholds: Thresholds;
}

export interface ResolvedApi {
  readonly kind: ApiKind;
  /** HTTP: always; REST: when the config gives it. */
  readonly id?: string;
  /** REST: always; HTTP: when the config gives it. */
  readonly name?: string;
  readonly stages: readonly ResolvedStage[];
  readonly backendFunctions: readonly string[];
  readonly accessLogGroups: readonly string[];
  /** Quote bodies (redacted) in this API's messages instead of describing them. */
  readonly quoteBodies: boolean;
  readonly discovery: 'listed' | 'account-wide';
}

export interface ResolvedResponderFunction {
  readonly logRetentionDays: number;
  readonly reservedConcurrency: ReservedConcurrency;
  readonly notifyReserveMs: number;
}

export interface ResolvedConfig {
  readonly apis: readonly ResolvedApi[];
  /** Runtime shape (secret names/ARNs only), handed to the Lambda as it is. */
  readonly destinations: DestinationsConfig;
  /** Per-team destination overrides by API and stage (validate-routing.ts). */
  readonly routes: readonly RouteRuntime[];
  /**
   * Every secret an enabled destination or a route reads (the responder may read exactly these),
   * with the field naming each and its KMS key when given.
   */
  readonly secretUses: readonly SecretUse[];
  readonly operatorEmails: readonly string[];
  readonly groupingWindowMinutes: number;
  readonly probes: readonly ProbeName[];
  readonly activeHealthCheck: boolean;
  readonly eventBridgeTrigger: boolean;
  readonly runbookUrl: string;
  readonly responder: ResolvedResponderFunction;
  readonly maintenanceWindows: readonly MaintenanceWindow[];
  readonly redaction: ResolvedRedaction;
  readonly trust: ResolvedTrust;
  /** Read roles in other accounts (lib/config/cross-account-roles.ts). */
  readonly crossAccountRoles: readonly ReadRoleRuntime[];
}
