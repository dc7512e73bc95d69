/**
 * Mutes: an on-call engineer silences one API stage for an hour or until its alarm returns to OK
 * (the Slack "Mute" buttons). Stored in the incident table with an expiry; the responder consults
 * them after grouping and before delivery (the same point as maintenance windows), records a muted
 * event with the reason and posts nothing. A mute until OK ends when the OK arrives.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

export interface Mute {
  /** muteKeyOf(...) of the API stage. */
  readonly key: string;
  /** Who muted it (Slack user mention), for the thread and the event record. */
  readonly by: string;
  /** ISO time it was set. */
  readonly at: string;
  /** ISO time it ends; absent: until the alarm returns to OK. */
  readonly until?: string;
  /** The incident whose thread it was set from. */
  readonly incidentId: string;
}

export interface MuteStore {
  get(key: string): Promise<Mute | undefined>;
  put(mute: Mute): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A mute until OK still ends after this long: a lost OK never silences an API for ever. */
export const MAX_UNTIL_OK_MS = 24 * 60 * 60_000;
export const ONE_HOUR_MS = 60 * 60_000;

/** When the mute ends (epoch ms): its `until`, or MAX_UNTIL_OK_MS after it was set. */
function muteEndMs(mute: Mute): number {
  return mute.until === undefined ? Date.parse(mute.at) + MAX_UNTIL_OK_MS : Date.parse(mute.until);
}

/** The mute in force at `nowMs`, if any. */
export function activeMute(mute: Mute | undefined, nowMs: number): Mute | undefined {
  if (mute === undefined) return undefined;
  const end = muteEndMs(mute);
  return Number.isFinite(end) && end > nowMs ? mute : undefined;
}

/** "muted by <@U1> until 13:05 UTC" / "until the alarm is OK": the event record's reason. */
export function muteReason(mute: Mute): string {
  const until = mute.until === undefined ? 'until the alarm is OK' : `until ${mute.until}`;
  return `muted by ${mute.by} at ${mute.at} ${until}`;
}

const MUTE_SK = 'MUTE';

export class DynamoMuteStore implements MuteStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(key: string): Promise<Mute | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: key, sk: MUTE_SK }, ConsistentRead: true }),
    );
    if (out.Item === undefined) return undefined;
    const { pk: _pk, sk: _sk, expiresAt: _ttl, ...mute } = out.Item;
    return mute as Mute;
  }

  async put(mute: Mute): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...mute, pk: mute.key, sk: MUTE_SK, expiresAt: Math.ceil(muteEndMs(mute) / 1000) },
      }),
    );
  }

  async remove(key: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { pk: key, sk: MUTE_SK } }));
  }
}

/** Tests and the in-memory incident store's companion. */
export class MemoryMuteStore implements MuteStore {
  readonly mutes = new Map<string, Mute>();
  get(key: string): Promise<Mute | undefined> {
    return Promise.resolve(this.mutes.get(key));
  }
  put(mute: Mute): Promise<void> {
    this.mutes.set(mute.key, mute);
    return Promise.resolve();
  }
  remove(key: string): Promise<void> {
    this.mutes.delete(key);
    return Promise.resolve();
  }
}
