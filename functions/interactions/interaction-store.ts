/**
 * What the interactions endpoint keeps in the incident table: the signatures of verified requests
 * (a replay inside Slack's five-minute window is refused) and who acknowledged an incident.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_SKEW_SECONDS } from './verify-signature';

export interface Acknowledgement {
  readonly by: string;
  readonly at: string;
}

export interface InteractionStore {
  /** True the first time a signature is seen; false for a replay. */
  firstSeen(signature: string, nowMs: number): Promise<boolean>;
  getAck(incidentId: string): Promise<Acknowledgement | undefined>;
  putAck(incidentId: string, ack: Acknowledgement, nowMs: number): Promise<void>;
}

const ACK_RETENTION_S = 30 * 86_400;

export class DynamoInteractionStore implements InteractionStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient,
  ) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async firstSeen(signature: string, nowMs: number): Promise<boolean> {
    const hash = createHash('sha256').update(signature).digest('hex');
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `SLACK-REQUEST#${hash}`, sk: 'SEEN', expiresAt: Math.ceil(nowMs / 1000) + 2 * MAX_SKEW_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async getAck(incidentId: string): Promise<Acknowledgement | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `ACK#${incidentId}`, sk: 'ACK' }, ConsistentRead: true }),
    );
    return out.Item === undefined ? undefined : { by: String(out.Item['by']), at: String(out.Item['at']) };
  }

  async putAck(incidentId: string, ack: Acknowledgement, nowMs: number): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `ACK#${incidentId}`, sk: 'ACK', ...ack, expiresAt: Math.ceil(nowMs / 1000) + ACK_RETENTION_S },
      }),
    );
  }
}

export class MemoryInteractionStore implements InteractionStore {
  readonly seen = new Set<string>();
  readonly acks = new Map<string, Acknowledgement>();
  firstSeen(signature: string): Promise<boolean> {
    const first = !this.seen.has(signature);
    this.seen.add(signature);
    return Promise.resolve(first);
  }
  getAck(incidentId: string): Promise<Acknowledgement | undefined> {
    return Promise.resolve(this.acks.get(incidentId));
  }
  putAck(incidentId: string, ack: Acknowledgement): Promise<void> {
    this.acks.set(incidentId, ack);
    return Promise.resolve();
  }
}
