/** The physical ids the emulator's CloudFormation gave the stack's resources. */
import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import type { ResourceContext } from './resources/resource-handler';

/** logical id -> physical id, for the resources the emulator really created. */
export async function physicalIds(
  stackName: string,
  clientConfig: ResourceContext['clientConfig'],
): Promise<Map<string, string>> {
  const cloudformation = new CloudFormationClient(clientConfig);
  const ids = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await cloudformation.send(new ListStackResourcesCommand({ StackName: stackName, NextToken }));
    for (const summary of page.StackResourceSummaries ?? []) {
      // Skipped resources come back without a logical id; permissions without a physical id.
      if (summary.LogicalResourceId) ids.set(summary.LogicalResourceId, summary.PhysicalResourceId ?? '');
    }
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return ids;
}
