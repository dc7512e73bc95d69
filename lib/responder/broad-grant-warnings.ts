/**
 * Never a silent wildcard: for every watched API whose backends or access-log groups the config
 * does not list, synth prints a warning naming the API and the broad grant its probe would need,
 * and says how to get least privilege instead. The grant itself happens only on the API's explicit
 * `discovery: 'account-wide'` (functions/diagnosis/permissions.ts).
 */
import { Annotations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ProbeName } from '../../functions/types';
import type { ResolvedApi } from '../config/resolved-config';

const BACKEND_PROBES: readonly ProbeName[] = ['lambda-backend', 'changes', 'throttling'];

export interface BroadGrantNeed {
  readonly api: string;
  readonly discover: string;
  readonly what: 'backendFunctions' | 'accessLogGroups';
  readonly grant: string;
  /** The API opted in with discovery: 'account-wide', so the grant is made. */
  readonly accountWide: boolean;
}

const label = (api: ResolvedApi): string => `${api.kind} API ${api.name ?? api.id ?? '?'}`;
/** The discover command that lists what the API lacks. */
const discoverCommand = (api: ResolvedApi): string =>
  `npx apigw-responder discover --api ${api.id ?? api.name ?? '?'}${api.kind === 'HTTP' ? ' --kind http' : ''}`;

/** What each API lacks, for the enabled probes. */
export function broadGrantNeeds(apis: readonly ResolvedApi[], probes: readonly ProbeName[]): BroadGrantNeed[] {
  const needs: BroadGrantNeed[] = [];
  for (const api of apis) {
    if (api.backendFunctions.length === 0 && probes.some((p) => BACKEND_PROBES.includes(p))) {
      needs.push({
        api: label(api),
        discover: discoverCommand(api),
        what: 'backendFunctions',
        accountWide: api.discovery === 'account-wide',
        grant:
          'lambda:GetFunctionConfiguration, lambda:GetFunctionConcurrency and lambda:GetPolicy on every function (environment variables included), logs:FilterLogEvents on /aws/lambda/*, in every watched region',
      });
    }
    if (api.accessLogGroups.length === 0 && probes.includes('access-logs')) {
      needs.push({
        api: label(api),
        discover: discoverCommand(api),
        what: 'accessLogGroups',
        accountWide: api.discovery === 'account-wide',
        grant: 'logs:FilterLogEvents on every log group, in every watched region',
      });
    }
  }
  return needs;
}

export function warnAboutBroadGrants(scope: IConstruct, apis: readonly ResolvedApi[], probes: readonly ProbeName[]) {
  for (const api of apis) {
    if (api.kind === 'REST' && api.id === undefined) {
      Annotations.of(scope).addWarningV2(
        'apigw-responder:rest-api-id-not-given',
        `${label(api)}: watched by name only, so its diagnosis needs apigateway:GET on every REST API (to resolve the id) and logs:FilterLogEvents on API-Gateway-Execution-Logs_*/<stage>. Give its id (${discoverCommand(api)}) to narrow both.`,
      );
    }
  }
  for (const need of broadGrantNeeds(apis, probes)) {
    const message = need.accountWide
      ? `${need.api}: discovery 'account-wide' grants ${need.grant}, because ${need.what} is not listed. List them (${need.discover}) to narrow it.`
      : `${need.api}: ${need.what} not listed, so its diagnosis cannot read them (the probe reports "could not check"). Reading them unlisted needs ${need.grant}: list them (${need.discover}) or opt in with discovery: 'account-wide'.`;
    Annotations.of(scope).addWarningV2(`apigw-responder:${need.what}-not-listed`, message);
  }
}
