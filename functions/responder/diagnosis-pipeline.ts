/**
 * The diagnosis pipeline as the configuration asks for it: the configured probes and active health
 * check, the API's read scope, the classifier's API-kind hint, the remediation from the diagnosed
 * incident and the summary with the deployment's and the API's redaction options. The responder
 * runs it for an opening alarm and the Slack "Re-run diagnosis" button for a fresh look, so a
 * re-run diagnoses exactly as the responder does. Both diagnose the API in the account it lives in,
 * through that account's read role (functions/cross-account/). Heavy modules stay behind dynamic
 * imports.
 */
import type { AccountClients } from '../cross-account/account-clients';
import { diagnoseInApiAccount, unreadRemediation } from '../cross-account/cross-account-diagnosis';
import { readScopeOf, watchedApiOf } from '../diagnosis/api-read-scope';
import type { AwsClients } from '../diagnosis/clients';
import type { ResponderRuntimeConfig } from '../runtime-config';
import type { Hypothesis } from '../types';
import type { ResponderDeps } from './ports';
import { redactionFor } from './redaction-options';

export type DiagnosisPipeline = Pick<ResponderDeps, 'diagnose' | 'classify' | 'remediate' | 'buildSummary'>;

/** The probes' clients for a region. */
export type ClientsFor = (region: string) => Promise<AwsClients>;

/**
 * Clients per region, created on first use and kept (warm across invocations); `decorate` sees
 * each set once (the responder traces them).
 */
export function clientsPerRegion(decorate: (clients: AwsClients) => AwsClients = (c) => c): ClientsFor {
  const byRegion = new Map<string, AwsClients>();
  return async (region) => {
    const existing = byRegion.get(region);
    if (existing !== undefined) return existing;
    const { createAwsClients } = await import('../diagnosis/clients');
    const clients = decorate(createAwsClients({ region }));
    byRegion.set(region, clients);
    return clients;
  };
}

export function createDiagnosisPipeline(config: ResponderRuntimeConfig, accounts: AccountClients): DiagnosisPipeline {
  const where = { accounts, ownAccount: config.trust.account, probes: config.probes };
  return {
    diagnose: async (incident, { deadline }) => {
      const { runDiagnosis } = await import('../diagnosis/engine');
      return diagnoseInApiAccount(incident, where, (clients) =>
        runDiagnosis(incident, {
          deadline,
          clients,
          probes: config.probes,
          activeHealthCheck: config.activeHealthCheck,
          // IAM grants every API's lists at once: this API reads only its own.
          readScope: readScopeOf(incident.api, watchedApiOf(config.watched, incident.api)),
        }),
      );
    },
    classify: async (diagnosis) => {
      const { classifyFindings } = await import('../classifier/classify');
      const { apiKindHintOf } = await import('../classifier/api-kind');
      const apiKind = apiKindHintOf(diagnosis.incident.api.kind);
      return classifyFindings(diagnosis.findings, apiKind === undefined ? {} : { apiKind });
    },
    remediate: async (incident, classification, diagnosis) => {
      const { remediate, remediationContextFrom } = await import('../remediation/remediate');
      // No probe ran for want of the read role: its fix, not advice about unread evidence.
      const unread = unreadRemediation(diagnosis, classification.class);
      if (unread !== undefined) return unread;
      const leading: Hypothesis = classification.hypotheses.find((h) => h.class === classification.class) ?? {
        class: classification.class,
        confidence: classification.confidence,
        evidence: classification.evidence,
      };
      return remediate(leading, remediationContextFrom(incident, diagnosis.findings));
    },
    buildSummary: async (request) =>
      (await import('../notify/summary')).buildSummary({
        ...request,
        redaction: redactionFor(config, request.incident.api),
      }),
  };
}
