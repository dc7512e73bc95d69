/**
 * The diagnosis of an incident in the account its API lives in (the metric's account for a
 * cross-account metric alarm, otherwise the alarm's: incident-keys.ts's apiAccount). What the
 * summary says when it cannot read there:
 *
 *   no role      the probes run with this account's credentials, as they always did, and the
 *                summary's "could not check" names the missing role first: whatever they did
 *                not find may simply be in the other account.
 *   role failed  no probe runs (reading this account instead would describe the wrong API); the
 *                finding carries STS's reason, made safe, and how to fix it.
 */
import { couldNotCheck } from '../diagnosis/probe';
import type { AwsClients } from '../diagnosis/clients';
import { apiAccount } from '../incidents/incident-keys';
import type { CouldNotCheckFinding, Diagnosis, Incident, ProbeName } from '../types';
import type { AccountClients } from './account-clients';
import type { ReadRoleError } from './read-role-sessions';
import { incidentSessionName } from './session-name';

export const CROSS_ACCOUNT_DOCS = 'docs/cross-account.md';

/** The summary line when an API's account has no read role. */
export function noReadRoleFinding(account: string, ownAccount: string): CouldNotCheckFinding {
  return couldNotCheck(
    'api-config',
    `the API in account ${account}`,
    `no read role for account ${account}: configure crossAccountRoles (the diagnosis read account ${ownAccount} instead)`,
    `add crossAccountRoles: { '${account}': 'arn:aws:iam::${account}:role/apigw-responder-read' } and deploy that role in ${account} (${CROSS_ACCOUNT_DOCS})`,
  );
}

/** The summary line when an API's account has a read role that could not be assumed. */
export function readRoleFailedFinding(error: ReadRoleError): CouldNotCheckFinding {
  return couldNotCheck(
    'api-config',
    `the API in account ${error.account}`,
    `could not assume ${error.roleArn}: ${error.reason}`,
    `check that the role exists in ${error.account} and trusts this responder's role (${CROSS_ACCOUNT_DOCS})`,
  );
}

/** A diagnosis in which no probe could read: the one finding says why. */
function unread(incident: Incident, probes: readonly ProbeName[], finding: CouldNotCheckFinding): Diagnosis {
  return {
    incident,
    findings: [finding],
    probes: probes.map((probe) => ({ probe, status: 'failed', durationMs: 0, awsCalls: [], error: finding.why })),
    startedAt: new Date().toISOString(),
    durationMs: 0,
    cutShort: false,
  };
}

export interface CrossAccountDiagnosis {
  readonly accounts: AccountClients;
  readonly ownAccount: string;
  /** The probes that would have run (each reported as failed when none can read). */
  readonly probes: readonly ProbeName[];
}

/** Runs `diagnose` with the clients of the incident's API account; never throws for a read role. */
export async function diagnoseInApiAccount(
  incident: Incident,
  where: CrossAccountDiagnosis,
  diagnose: (clients: AwsClients) => Promise<Diagnosis>,
): Promise<Diagnosis> {
  const account = apiAccount(incident);
  const access = await where.accounts.access(incident.region, account, incidentSessionName(incident));
  switch (access.kind) {
    case 'own':
    case 'assumed':
      return diagnose(access.clients);
    case 'no-role': {
      const diagnosis = await diagnose(access.clients);
      return { ...diagnosis, findings: [noReadRoleFinding(account, where.ownAccount), ...diagnosis.findings] };
    }
    case 'failed':
      return unread(incident, where.probes, readRoleFailedFinding(access.error));
  }
}
