/**
 * AWS::DynamoDB::Table: created by the emulator's CloudFormation without its TTL and
 * point-in-time recovery; UpdateTimeToLive and UpdateContinuousBackups set them from the template.
 */
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { sameValue } from '../compare';
import type { Properties, ResourceContext, ResourceHandler } from './resource-handler';

interface TtlSpecification {
  readonly AttributeName: string;
  readonly Enabled: boolean;
}

async function readTtl(name: string, context: ResourceContext): Promise<TtlSpecification | undefined> {
  const { TimeToLiveDescription } = await new DynamoDBClient(context.clientConfig).send(
    new DescribeTimeToLiveCommand({ TableName: name }),
  );
  if (TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') return undefined;
  return { AttributeName: TimeToLiveDescription.AttributeName ?? '', Enabled: true };
}

async function readPitr(name: string, context: ResourceContext): Promise<boolean> {
  const { ContinuousBackupsDescription } = await new DynamoDBClient(context.clientConfig).send(
    new DescribeContinuousBackupsCommand({ TableName: name }),
  );
  return ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED';
}

export const table: ResourceHandler = {
  attributes: (name, context) => ({ Arn: `arn:aws:dynamodb:${context.region}:${context.account}:table/${name}` }),
  async repair(name, properties, context) {
    const dynamo = new DynamoDBClient(context.clientConfig);
    const repaired: string[] = [];
    const ttl = properties['TimeToLiveSpecification'] as TtlSpecification | undefined;
    if (ttl?.Enabled === true && !sameValue(ttl, await readTtl(name, context))) {
      await dynamo.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
        }),
      );
      repaired.push('TimeToLiveSpecification');
    }
    const pitr = properties['PointInTimeRecoverySpecification'] as { PointInTimeRecoveryEnabled?: boolean } | undefined;
    if (pitr?.PointInTimeRecoveryEnabled === true && !(await readPitr(name, context))) {
      await dynamo.send(
        new UpdateContinuousBackupsCommand({
          TableName: name,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      repaired.push('PointInTimeRecoverySpecification');
    }
    return repaired;
  },
  async read(name, properties, context) {
    const { Table } = await new DynamoDBClient(context.clientConfig).send(
      new DescribeTableCommand({ TableName: name }),
    );
    if (Table === undefined) throw new Error(`table ${name} not found`);
    const deployed: Record<string, unknown> = {
      KeySchema: Table.KeySchema,
      AttributeDefinitions: Table.AttributeDefinitions,
      BillingMode: Table.BillingModeSummary?.BillingMode ?? 'PROVISIONED',
    };
    if ('SSESpecification' in properties) {
      deployed['SSESpecification'] = { SSEEnabled: Table.SSEDescription?.Status === 'ENABLED' };
    }
    if ('TimeToLiveSpecification' in properties) deployed['TimeToLiveSpecification'] = await readTtl(name, context);
    if ('PointInTimeRecoverySpecification' in properties) {
      deployed['PointInTimeRecoverySpecification'] = { PointInTimeRecoveryEnabled: await readPitr(name, context) };
    }
    return deployed satisfies Properties;
  },
  defaults: { BillingMode: 'PROVISIONED' },
  emulatorLimits: {
    SSESpecification: 'no server-side encryption: its CloudFormation drops the property and UpdateTable ignores it',
  },
};
