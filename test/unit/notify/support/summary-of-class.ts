import { remediate } from '../../../../functions/remediation/remediate';
import type { IncidentSummary, ROOT_CAUSE_CLASSES } from '../../../../functions/types';
import { openSummary } from './summaries';

/** The recorded incident as every class, with that class's real remediation steps and links. */
export function summaryOfClass(cls: (typeof ROOT_CAUSE_CLASSES)[number]): IncidentSummary {
  const base = openSummary();
  const leading = { ...base.leading!, class: cls };
  const remediation = remediate(leading, {
    region: base.region,
    accountId: base.accountId,
    apiKind: base.api.kind,
    apiName: base.api.name!,
    apiId: base.api.id!,
    stage: base.api.stage,
    functionName: 'orders-handler',
  });
  return { ...base, leading, remediation: remediation.steps, links: remediation.links };
}
