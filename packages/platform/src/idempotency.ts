import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Database, TransactItem } from './dynamodb/database';
import { ErrorCode, userError } from './errors';

/**
 * Client-supplied idempotency keys (`clientOrderId` on orders, `idempotencyKey` on transfers), unique per user.
 * The key is written in the same TransactWriteItems as the change it guards, on condition that it is new, so two
 * concurrent requests with one key execute once; a retry with the same request gets the original result back, and
 * the same key with a different request is CONFLICT.
 */

/** What a key guards: keys of different kinds never collide. */
export type RequestKeyKind = 'order' | 'transfer' | 'cancel';

/** A key as stored. */
export interface RequestKeyRecord {
  userId: string;
  /** `<kind>#<client key>` */
  key: string;
  /** SHA-256 of the normalized request it was first used with. */
  fingerprint: string;
  /** What the request produced: an order id, or a ledger sequence number. */
  resultId: string;
  createdAt: string;
}

const KEY_SYNTAX = /^[A-Za-z0-9_-]{1,64}$/;

/** A client key: 1 to 64 of `[A-Za-z0-9_-]`, else BAD_USER_INPUT naming the field. */
export function validRequestKey(raw: string, field: string): string {
  if (!KEY_SYNTAX.test(raw)) throw userError(ErrorCode.BAD_USER_INPUT, `${field} must be 1 to 64 letters, digits, _ or -`, { field });
  return raw;
}

/** A fingerprint of a normalized request (its fields in a fixed order). */
export function fingerprintOf(request: Record<string, string>): string {
  const canonical = JSON.stringify(
    Object.keys(request)
      .sort()
      .map((name) => [name, request[name]]),
  );
  return createHash('sha256').update(canonical).digest('hex');
}

const storedKey = (kind: RequestKeyKind, clientKey: string) => `${kind}#${clientKey}`;

/** The record of a key, if it was used (strongly consistent). */
export async function findRequestKey(db: Database, userId: string, kind: RequestKeyKind, clientKey: string): Promise<RequestKeyRecord | null> {
  const { Item } = await db.doc.send(
    new GetCommand({ TableName: db.tables.requestKeys, Key: { userId, key: storedKey(kind, clientKey) }, ConsistentRead: true }),
  );
  return (Item as RequestKeyRecord | undefined) ?? null;
}

/** The transaction item recording a key; its condition makes a second use of the key fail the whole transaction. */
export function requestKeyItem(
  db: Database,
  record: { userId: string; kind: RequestKeyKind; clientKey: string; fingerprint: string; resultId: string },
): TransactItem {
  const item: RequestKeyRecord = {
    userId: record.userId,
    key: storedKey(record.kind, record.clientKey),
    fingerprint: record.fingerprint,
    resultId: record.resultId,
    createdAt: new Date().toISOString(),
  };
  return {
    Put: {
      TableName: db.tables.requestKeys,
      Item: item,
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': 'key' },
    },
  };
}

/** The original result for a retry of the same request; CONFLICT when the key came with a different request. */
export async function replay<T>(
  record: RequestKeyRecord,
  fingerprint: string,
  field: string,
  load: (resultId: string) => Promise<T | null>,
): Promise<T> {
  if (record.fingerprint !== fingerprint) {
    throw userError(ErrorCode.CONFLICT, `This ${field} was already used for a different request`, { field });
  }
  const result = await load(record.resultId);
  if (result === null) throw new Error(`request key ${record.key} of ${record.userId} points at a missing result ${record.resultId}`);
  return result;
}
