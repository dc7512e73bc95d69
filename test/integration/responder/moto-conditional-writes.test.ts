/**
 * The incident record relies on DynamoDB's conditional writes being atomic: of several writers
 * that read version n and write n + 1 on the condition "version = n", exactly one succeeds and the
 * others re-read. moto's threaded server checked the condition and stored the item as separate
 * steps, so two such writes could both succeed and one update was lost: the exactly-once property
 * on DynamoDB then lost the webhook's ref of an opening (recorded beside Slack's, Jira's and
 * PagerDuty's at the same moment) and every later event of the incident failed "not delivered to
 * webhook". A large item widens moto's window enough that the race shows on an idle machine.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { requireSandboxEndpoint, sandboxClientConfig } from '../../../scripts/sandbox/env';
import { createIncidentTable } from '../../../scripts/sandbox/responder-sandbox';

// 3 rounds of 8 writers on a 3,000-alarm item take 85-115 s on the 2-core machines (moto serialises
// DynamoDB and rebuilds the large item per request): the limit leaves room for a loaded runner.
jest.setTimeout(300_000);

const TABLE = `conditional-writes-${Date.now()}`;
const WRITERS = ['slack', 'jira', 'pagerduty', 'webhook', 'teams', 'opsitem', 'parent-edit', 'claim'] as const;
const ROUNDS = 3;

function documentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(sandboxClientConfig(endpoint)));
}

type Item = { pk: string; sk: string; version: number; refs: Record<string, string> };

/** updateIncident's loop: read, add this writer's ref, write on the version read; again on a lost race. */
async function addRef(doc: DynamoDBDocumentClient, pk: string, writer: string): Promise<void> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const current = (await doc.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'I' }, ConsistentRead: true })))
      .Item as Item;
    const next = { ...current, refs: { ...current.refs, [writer]: writer }, version: current.version + 1 };
    try {
      await doc.send(
        new PutCommand({
          TableName: TABLE,
          Item: next,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': current.version },
        }),
      );
      return;
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }
  throw new Error(`${writer}: too much contention`);
}

describe('the emulator keeps DynamoDB conditional writes atomic', () => {
  it('concurrent read-modify-write on one item loses no update', async () => {
    const endpoint = requireSandboxEndpoint();
    const docs = WRITERS.map(() => documentClient(endpoint));
    // The responder's own incident table, as the sandbox creates it.
    await createIncidentTable(endpoint, TABLE);
    // An incident record with a long alarm history: moto takes a while to build it, between its read and its write.
    const alarms = Array.from({ length: 3_000 }, (_, i) => ({
      arn: `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x${i}`,
      at: '2025-05-01T12:00:00.000Z',
      state: 'ALARM',
      label: `l${i}`,
    }));
    const lost: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const pk = `INCIDENT#${round}`;
      await docs[0]!.send(new PutCommand({ TableName: TABLE, Item: { pk, sk: 'I', version: 1, refs: {}, alarms } }));
      await Promise.all(WRITERS.map((writer, i) => addRef(docs[i]!, pk, writer)));
      const stored = (
        await docs[0]!.send(new GetCommand({ TableName: TABLE, Key: { pk, sk: 'I' }, ConsistentRead: true }))
      ).Item as Item;
      const missing = WRITERS.filter((w) => stored.refs[w] === undefined);
      if (missing.length > 0 || stored.version !== 1 + WRITERS.length) {
        lost.push(`round ${round}: version ${stored.version}, refs lost: ${missing.join(', ')}`);
      }
    }
    expect(lost).toEqual([]);
  });
});
