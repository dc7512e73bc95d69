/** AWS::Logs::LogGroup: created by the emulator's CloudFormation; read back with its retention. */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ResourceHandler } from './resource-handler';

export const logGroup: ResourceHandler = {
  // As the emulator's CloudFormation resolves Fn::GetAtt Arn (AWS itself appends ":*").
  attributes: (name, context) => ({ Arn: `arn:aws:logs:${context.region}:${context.account}:log-group:${name}` }),
  async read(name, properties, context) {
    const found = await new CloudWatchLogsClient(context.clientConfig).send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
    );
    const group = found.logGroups?.find((candidate) => candidate.logGroupName === name);
    if (group === undefined) throw new Error(`log group ${name} not found`);
    const deployed: Record<string, unknown> = { RetentionInDays: group.retentionInDays };
    if ('LogGroupName' in properties) deployed['LogGroupName'] = group.logGroupName;
    if ('KmsKeyId' in properties) deployed['KmsKeyId'] = group.kmsKeyId;
    return deployed;
  },
};
