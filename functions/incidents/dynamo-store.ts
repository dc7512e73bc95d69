/**
 * The incident store on DynamoDB: one table, string keys `pk`/`sk`, TTL attribute `expiresAt`.
 * Writes are conditional on the version read (optimistic concurrency).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { protect } from '../redact';
import type { IncidentSummary } from '../types';
import type { EventRecord, IncidentRecord } from './records';
import type { IncidentStore } from './store';
import { EVENT_RETENTION_DAYS, INCIDENT_RETENTION_DAYS, expiresAt } from './store';

/** Keys and ids the store looks items up by: never altered, or a get would miss its own put. */
const KEYS = ['pk', 'sk', 'key', 'incidentKey', 'incidentId', 'openerEventKey', 'version'];
const EVENT_SK = 'EVENT';
const INCIDENT_SK = 'INCIDENT';
const PACE_SK = 'PACE';
/** DynamoDB items are at most 400 KB; a larger summary is rebuilt on retry instead of stored. */
const MAX_STORED_SUMMARY_BYTES = 300_000;

export interface DynamoIncidentStoreOptions {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  /** @default Date.now */
  readonly now?: () => number;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function versionCondition(version: number): { expression: string; values: Record<string, unknown> } {
  return version === 1
    ? { expression: 'attribute_not_exists(pk)', values: {} }
    : { expression: '#version = :expected', values: { ':expected': version - 1 } };
}

function packSummary(summary: IncidentSummary | undefined): Uint8Array | undefined {
  if (summary === undefined) return undefined;
  const packed = gzipSync(JSON.stringify(summary));
  return packed.byteLength > MAX_STORED_SUMMARY_BYTES ? undefined : new Uint8Array(packed);
}

function unpackSummary(packed: unknown): IncidentSummary | undefined {
  if (!(packed instanceof Uint8Array)) return undefined;
  return JSON.parse(gunzipSync(packed).toString('utf8')) as IncidentSummary;
}

export class DynamoIncidentStore implements IncidentStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => number;

  constructor(options: DynamoIncidentStoreOptions) {
    this.doc = DynamoDBDocumentClient.from(options.client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
    this.tableName = options.tableName;
    this.now = options.now ?? Date.now;
  }

  async getEvent(key: string): Promise<EventRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `EVENT#${key}`, sk: EVENT_SK }, ConsistentRead: true }),
    );
    if (out.Item === undefined) return undefined;
    const { pk: _pk, sk: _sk, expiresAt: _ttl, summaryGz, ...rest } = out.Item;
    const summary = unpackSummary(summaryGz);
    return { ...(rest as Omit<EventRecord, 'summary'>), ...(summary === undefined ? {} : { summary }) };
  }

  async putEvent(record: EventRecord): Promise<boolean> {
    const { summary, ...rest } = record;
    return this.put(
      {
        ...rest,
        summaryGz: packSummary(summary),
        pk: `EVENT#${record.key}`,
        sk: EVENT_SK,
        expiresAt: expiresAt(this.now(), EVENT_RETENTION_DAYS),
      },
      record.version,
    );
  }

  async getIncident(key: string): Promise<IncidentRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: key, sk: INCIDENT_SK }, ConsistentRead: true }),
    );
    if (out.Item === undefined) return undefined;
    const { pk: _pk, sk: _sk, expiresAt: _ttl, ...rest } = out.Item;
    return rest as IncidentRecord;
  }

  async putIncident(record: IncidentRecord): Promise<boolean> {
    return this.put(
      { ...record, pk: record.key, sk: INCIDENT_SK, expiresAt: expiresAt(this.now(), INCIDENT_RETENTION_DAYS) },
      record.version,
    );
  }

  async reserveSlot(channel: string, nowMs: number, intervalMs: number): Promise<number> {
    const Key = { pk: `PACE#${channel}`, sk: PACE_SK };
    const ttl = expiresAt(nowMs, 1);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'SET #next = :next, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#next) OR #next <= :now',
          ExpressionAttributeNames: { '#next': 'nextAt', '#ttl': 'expiresAt' },
          ExpressionAttributeValues: { ':next': nowMs + intervalMs, ':now': nowMs, ':ttl': ttl },
        }),
      );
      return nowMs;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key,
        UpdateExpression: 'ADD #next :interval SET #ttl = :ttl',
        ExpressionAttributeNames: { '#next': 'nextAt', '#ttl': 'expiresAt' },
        ExpressionAttributeValues: { ':interval': intervalMs, ':ttl': ttl },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const next: unknown = out.Attributes?.['nextAt'];
    return typeof next === 'number' ? next - intervalMs : nowMs;
  }

  private async put(record: Record<string, unknown>, version: number): Promise<boolean> {
    // The table is a place data leaves to: failure reasons, alarm names and refs are redacted like
    // a message (the summary was redacted when it was built; binary attributes pass unchanged).
    const item = protect(record, {}, KEYS);
    const condition = versionCondition(version);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition.expression,
          ...(version === 1
            ? {}
            : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: condition.values }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
