import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Database, isConditionFailure } from '@trading/platform';

/** A sign-in session as stored: one per login, its refresh token kept as a hash only. */
export interface SessionRecord {
  id: string;
  userId: string;
  /** SHA-256 of the current refresh token's secret; older ones no longer match. */
  refreshHash: string;
  /** When the current refresh token stops working (epoch seconds). */
  refreshExpiresAt: number;
  createdAt: string;
  rotatedAt?: string;
  revokedAt?: string;
  /** Why it was revoked: LOGOUT, LOGOUT_EVERYWHERE, PASSWORD_CHANGE, REFRESH_REUSE. */
  revokedReason?: string;
  /** When DynamoDB may delete the item (TTL attribute), well after it can be used. */
  expiresAt: number;
}

/** Sessions in DynamoDB. */
export class SessionStore {
  constructor(private readonly db: Database) {}

  async create(session: SessionRecord): Promise<void> {
    await this.db.doc.send(
      new PutCommand({
        TableName: this.db.tables.sessions,
        Item: session,
        ConditionExpression: 'attribute_not_exists(#id)',
        ExpressionAttributeNames: { '#id': 'id' },
      }),
    );
  }

  async get(id: string): Promise<SessionRecord | null> {
    const { Item } = await this.db.doc.send(new GetCommand({ TableName: this.db.tables.sessions, Key: { id }, ConsistentRead: true }));
    return Item ? normalize(Item) : null;
  }

  /** Replaces the refresh token if it is still `expectedHash` and the session is not revoked; false when it changed. */
  async rotate(id: string, expectedHash: string, next: { refreshHash: string; refreshExpiresAt: number; expiresAt: number }): Promise<boolean> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tables.sessions,
          Key: { id },
          UpdateExpression: 'SET refreshHash = :next, refreshExpiresAt = :until, expiresAt = :ttl, rotatedAt = :now',
          ConditionExpression: 'refreshHash = :expected AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: {
            ':next': next.refreshHash,
            ':until': next.refreshExpiresAt,
            ':ttl': next.expiresAt,
            ':now': new Date().toISOString(),
            ':expected': expectedHash,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Marks a session revoked (once: the first reason is kept). */
  async revoke(id: string, reason: string): Promise<void> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tables.sessions,
          Key: { id },
          UpdateExpression: 'SET revokedAt = :now, revokedReason = :reason',
          ConditionExpression: 'attribute_exists(#id) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeNames: { '#id': 'id' },
          ExpressionAttributeValues: { ':now': new Date().toISOString(), ':reason': reason },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** The ids of a user's sessions not yet revoked. */
  async activeIds(userId: string): Promise<string[]> {
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tables.sessions,
          IndexName: 'byUser',
          KeyConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': userId },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) if (!item.revokedAt) ids.push(item.id as string);
      start = page.LastEvaluatedKey;
    } while (start);
    return ids;
  }
}

function normalize(item: Record<string, unknown>): SessionRecord {
  return { ...(item as unknown as SessionRecord), refreshExpiresAt: Number(item.refreshExpiresAt), expiresAt: Number(item.expiresAt) };
}
