/**
 * The diagnosis of an incident in the account its API lives in (the metric's account for a
 * cross-account metric alarm, otherwise the alarm's: incident-keys.ts's apiAccount). When it
 * cannot read there, no probe runs at all: this account's credentials would find a same-named API
 * here (the same application deployed in several accounts is common) and the classifier would
 * name its cause with confidence. The incident is then classified on what the notification itself
 * carries (nothing that names a cause: UNKNOWN), and the summary's first "could not check" says why:
 *
 *   no role       "no read role for account X: diagnosis skipped", and how to add one.
 *   role refused  STS's reason, made safe, and how to fix the role.
 *   STS passing   not here: ReadRoleUnavailableError is thrown, the record fails and is retried;
 *                 on a retry the responder posts with readRoleUnavailableDiagnosis instead.
 */
import { couldNotCheck } from '../diagnosis/probe';
import type { AwsClients } from '../diagnosis/clients';
import { apiAccount } from '../incidents/incident-keys';
import type { CouldNotCheckFinding, Diagnosis, Incident, ProbeName, Remediation, RootCauseClass } from '../types';
import type { AccountClients } from './account-clients';
import type { ReadRoleError, ReadRoleFailure } from './read-role-sessions';
import { incidentSessionName } from './session-name';

export const CROSS_ACCOUNT_DOCS = 'docs/cross-account.md';
/** How every read-role finding names what it could not check (renderers show these first: notify/caveats.ts). */
export const API_ACCOUNT_WHAT = 'the API in account ';

/** The summary line when an API's account has no read role. */
export function noReadRoleFinding(account: string, ownAccount: string): CouldNotCheckFinding {
  return couldNotCheck(
    'api-config',
    `${API_ACCOUNT_WHAT}${account}`,
    `no read role for account ${account}: diagnosis skipped (account ${ownAccount}'s credentials would read another API of the same name)`,
    `add crossAccountRoles: { '${account}': 'arn:aws:iam::${account}:role/apigw-responder-read' } and deploy that role in ${account} (${CROSS_ACCOUNT_DOCS})`,
  );
}

/** The summary line when an API's account has a read role that could not be assumed. */
export function readRoleFailedFinding(error: ReadRoleError): CouldNotCheckFinding {
  return couldNotCheck(
    'api-config',
    `${API_ACCOUNT_WHAT}${error.account}`,
    `could not assume ${error.roleArn}: ${error.reason}`,
    `check that the role exists in ${error.account} and trusts this responder's role (${CROSS_ACCOUNT_DOCS})`,
  );
}

/** The summary line when STS still could not hand out the role on a retry: what to do first, then STS's reason. */
export function readRoleUnavailableFinding(error: ReadRoleFailure): CouldNotCheckFinding {
  return couldNotCheck(
    'api-config',
    `${API_ACCOUNT_WHAT}${error.account}`,
    `diagnosis not run: read role unavailable, use Re-run diagnosis once STS answers (STS: ${error.reason})`,
    `press Re-run diagnosis on the Slack message, or run \`npx apigw-responder diagnose\` with account ${error.account}'s credentials (${CROSS_ACCOUNT_DOCS})`,
  );
}

/** An opening that goes out although STS could not hand out the role: no probe ran, the finding says so. */
export function readRoleUnavailableDiagnosis(
  incident: Incident,
  probes: readonly ProbeName[],
  error: ReadRoleFailure,
): Diagnosis {
  return unread(incident, probes, readRoleUnavailableFinding(error), 'skipped');
}

/** A diagnosis in which no probe read: the one finding says why. */
function unread(
  incident: Incident,
  probes: readonly ProbeName[],
  finding: CouldNotCheckFinding,
  status: 'failed' | 'skipped',
): Diagnosis {
  return {
    incident,
    findings: [finding],
    probes: probes.map((probe) => ({ probe, status, durationMs: 0, awsCalls: [], error: finding.why })),
    startedAt: new Date().toISOString(),
    durationMs: 0,
    cutShort: false,
  };
}

/**
 * The remediation of a diagnosis that read nothing because of the read role (review 6 #6): the
 * role's fix first, and no advice about evidence that was never looked at (the generic UNKNOWN
 * steps would say "Turn on execution logging" for a stage nobody checked). Undefined otherwise.
 */
export function unreadRemediation(diagnosis: Diagnosis, cls: RootCauseClass): Remediation | undefined {
  const [only, ...rest] = diagnosis.findings;
  if (only?.type !== 'could-not-check' || rest.length > 0 || !only.what.startsWith(API_ACCOUNT_WHAT)) return undefined;
  if (diagnosis.probes.some((p) => p.awsCalls.length > 0)) return undefined;
  return {
    class: cls,
    steps: [
      { title: only.fix ?? `give the responder a read role for ${only.what}`, detail: only.why },
      {
        title: 'Then diagnose the incident',
        detail:
          "Press Re-run diagnosis on the Slack message, or run `npx apigw-responder diagnose` with the API account's credentials: the cause can only be named once the API's own account is read.",
      },
    ],
    links: [],
  };
}

export interface CrossAccountDiagnosis {
  readonly accounts: AccountClients;
  readonly ownAccount: string;
  /** The probes that would have run (each reported as failed when none can read). */
  readonly probes: readonly ProbeName[];
}

/** Runs `diagnose` with the clients of the incident's API account; throws only a passing STS failure. */
export async function diagnoseInApiAccount(
  incident: Incident,
  where: CrossAccountDiagnosis,
  diagnose: (clients: AwsClients) => Promise<Diagnosis>,
): Promise<Diagnosis> {
  const account = apiAccount(incident);
  const access = await where.accounts.access(incident.region, account, incidentSessionName(incident));
  switch (access.kind) {
    case 'own':
      return diagnose(access.clients);
    case 'assumed':
      // A probe's error may echo the request it signed: the session's credentials go no further.
      return access.scrub(await diagnose(access.clients));
    case 'no-role':
      return unread(incident, where.probes, noReadRoleFinding(account, where.ownAccount), 'skipped');
    case 'failed':
      return unread(incident, where.probes, readRoleFailedFinding(access.error), 'failed');
  }
}
