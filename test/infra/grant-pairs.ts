/** Test support: what a template's IAM policies allow, as comparable "action resource" pairs. */
import type { Template } from 'aws-cdk-lib/assertions';
import { PROBE_PERMISSIONS } from '../../functions/diagnosis/permissions';
import { GRAPH_STATEMENT } from '../../lib/responder/diagnosis-permissions';
import { asList, policyStatements } from './support';

/** Every (action, resource) a template's policies allow, with the account made neutral. */
export function grants(template: Template, account: string): Set<string> {
  return new Set(
    policyStatements(template).flatMap((s) =>
      asList(s.Action).flatMap((action) =>
        asList(s.Resource as string | string[]).map(
          (r) => `${action} ${JSON.stringify(r).replaceAll(account, '<account>')}`,
        ),
      ),
    ),
  );
}

/** The actions of the diagnosis (every probe's), of the incident graph and of the provenance gate's alarm reads. */
export const DIAGNOSIS_ACTIONS = new Set([
  ...PROBE_PERMISSIONS.flatMap((p) => p.statements.flatMap((s) => s.actions)),
  ...GRAPH_STATEMENT.actions,
  'cloudwatch:DescribeAlarms',
  'cloudwatch:DescribeAlarmHistory',
]);

/** The diagnosis grants among a template's. */
export function diagnosisGrants(template: Template, account: string): string[] {
  return [...grants(template, account)].filter((g) => DIAGNOSIS_ACTIONS.has(g.split(' ')[0]!)).sort();
}
