import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoIncidentStore } from '../../../functions/incidents/dynamo-store';
import { MemoryIncidentStore } from '../../../functions/incidents/memory-store';
import type { EventRecord } from '../../../functions/incidents/records';
import type { IncidentSummary } from '../../../functions/types';

const NOW = Date.parse('2025-05-01T12:03:05.000Z');

const EVENT: EventRecord = {
  key: 'abc123',
  alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x',
  alarmName: 'x',
  stateChangeTime: '2025-05-01T12:03:00.000Z',
  state: 'ALARM',
  status: 'in-progress',
  leaseUntil: NOW + 60_000,
  attempts: 1,
  delivered: [],
  failures: [],
  updatedAt: '2025-05-01T12:03:05.000Z',
  version: 1,
};

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('DynamoIncidentStore', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const store = new DynamoIncidentStore({
    tableName: 'responder',
    client: new DynamoDBClient({ region: 'eu-west-1' }),
    now: () => NOW,
  });

  beforeEach(() => ddb.reset());

  it('creates an event record only if absent, with its TTL', async () => {
    ddb.on(PutCommand).resolves({});

    expect(await store.putEvent(EVENT)).toBe(true);

    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: 'responder',
      Item: { ...EVENT, pk: 'EVENT#abc123', sk: 'EVENT', expiresAt: Math.floor(NOW / 1000) + 15 * 86_400 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('updates only the version it read, and reports a lost race as false', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());

    expect(await store.putEvent({ ...EVENT, version: 4 })).toBe(false);

    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual(
      expect.objectContaining({
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': 3 },
      }),
    );
  });

  it('keeps the summary compressed and reads it back', async () => {
    const summary = { schemaVersion: 1, incidentId: 'orders-api-prod', kind: 'open' } as unknown as IncidentSummary;
    ddb.on(PutCommand).resolves({});
    await store.putEvent({ ...EVENT, summary });
    const item = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(item['summary']).toBeUndefined();
    expect(item['summaryGz']).toBeInstanceOf(Uint8Array);
    ddb.on(GetCommand).resolves({ Item: item });

    expect(await store.getEvent('abc123')).toEqual({ ...EVENT, summary });
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: 'responder',
      Key: { pk: 'EVENT#abc123', sk: 'EVENT' },
      ConsistentRead: true,
    });
  });

  it('does not swallow other errors', async () => {
    ddb.on(PutCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    await expect(store.putEvent(EVENT)).rejects.toThrow('ProvisionedThroughputExceededException');
  });

  it('reserves Slack send slots: now when idle, else the next one', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(conditionFailed())
      .resolves({ Attributes: { nextAt: NOW + 2_200 } });

    expect(await store.reserveSlot('slack#C1', NOW, 1_100)).toBe(NOW);
    expect(await store.reserveSlot('slack#C1', NOW, 1_100)).toBe(NOW + 1_100);
    expect(ddb.commandCalls(UpdateCommand).map((c) => c.args[0].input.UpdateExpression)).toEqual([
      'SET #next = :next, #ttl = :ttl',
      'SET #next = :next, #ttl = :ttl',
      'ADD #next :interval SET #ttl = :ttl',
    ]);
  });
});

describe('MemoryIncidentStore', () => {
  it('has the same conditional semantics', async () => {
    const store = new MemoryIncidentStore();
    expect(await store.putEvent(EVENT)).toBe(true);
    expect(await store.putEvent(EVENT)).toBe(false);
    expect(await store.putEvent({ ...EVENT, version: 3 })).toBe(false);
    expect(await store.putEvent({ ...EVENT, version: 2, status: 'done' })).toBe(true);
    expect(await store.getEvent('abc123')).toEqual({ ...EVENT, version: 2, status: 'done' });
    expect([
      await store.reserveSlot('c', 0, 10),
      await store.reserveSlot('c', 0, 10),
      await store.reserveSlot('c', 100, 10),
    ]).toEqual([0, 10, 100]);
  });
});
