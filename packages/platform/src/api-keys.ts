import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Database } from './dynamodb/database';
import { failedConditions, isConditionFailure } from './dynamodb/database';
import { ErrorCode, userError } from './errors';
import type { GrantScope, Identity, Role } from './identity';

/**
 * API keys: long-lived credentials for programs (bots, partner apps), each with the grants it was created with
 * (`READ`, `TRADE`, `TRANSFER`; never what needs a signed-in person). Sent as `Authorization: ApiKey <secret>`.
 *
 * The secret is `tk_<id>_<43 characters: 256 random bits>`. The id (public, in `me { apiKeys }`) finds the record
 * in one read; the secret itself is never stored: only an HMAC-SHA256 of it under a key derived from the backend's
 * INTERNAL_SECRET. A fast keyed hash is right here where a password needs bcrypt: a password is guessable, so its
 * hash must be slow to try guesses against; 256 random bits are not guessable at any speed, so slowness would buy
 * nothing and cost every request a bcrypt (tens of milliseconds). The key (a pepper) means a copy of the table alone
 * does not even let anyone check a candidate secret. Rotating INTERNAL_SECRET therefore invalidates every key.
 */

/** The scopes a key can be created with, as the API names them; each grants the `@requiresScopes` scope of GRANT. */
export const API_SCOPES = ['READ', 'TRADE', 'TRANSFER'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const GRANT: Record<ApiScope, Exclude<GrantScope, 'session'>> = { READ: 'read', TRADE: 'trade', TRANSFER: 'transfer' };

/** Most keys one user may hold at once (revoked and expired ones do not count once revoked). */
export const MAX_API_KEYS_PER_USER = 20;
/** Most addresses or ranges in one key's allowlist. */
export const MAX_ALLOWED_IPS = 20;

const SECRET = /^tk_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/;

/** A new key's id and secret. */
export function newApiKeySecret(): { id: string; secret: string } {
  const id = randomBytes(12).toString('hex');
  return { id, secret: `tk_${id}_${randomBytes(32).toString('base64url')}` };
}

/** The id of a secret of the right shape; null for anything else. */
export function apiKeyIdOf(secret: string): string | null {
  return SECRET.exec(secret)?.[1] ?? null;
}

/** Hashes secrets with the key derived from INTERNAL_SECRET, and compares in constant time. */
export class ApiKeyHasher {
  private readonly key: Buffer;

  constructor(internalSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', internalSecret, 'trading-platform', 'api-key hashes v1', 32));
  }

  hash(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('hex');
  }

  /**
   * Whether `secret` hashes to `hash`. Both sides are 32-byte digests compared with timingSafeEqual, so the time
   * taken does not depend on how much of a guessed secret is right.
   */
  matches(secret: string, hash: string): boolean {
    const expected = Buffer.from(hash, 'hex');
    const actual = createHmac('sha256', this.key).update(secret).digest();
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

/** One key as stored (`apiKeys` table, owned by the users subgraph, read by the router). */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  role: Role;
  name: string;
  scopes: ApiScope[];
  /** HMAC-SHA256 of the secret (hex). */
  hash: string;
  createdAt: string;
  expiresAt: string | null;
  /** Addresses or CIDR ranges the key may be used from; empty: anywhere. */
  allowedIps: string[];
  revokedAt?: string;
  lastUsedAt?: string;
}

/** Days a revoked key's record is kept (for `reason: API_KEY_REVOKED` and the audit trail) before DynamoDB's TTL deletes it. */
const REVOKED_RECORD_DAYS = 30;

/** The counter of a user's keys, an item of the same table (not in the byUser index: it has no userId). */
const counterId = (userId: string) => `count#${userId}`;

/** The apiKeys table: create (with the per-user cap, exact under concurrency), list, revoke, read, record use. */
export class ApiKeyStore {
  constructor(private readonly db: Database) {}

  async get(id: string): Promise<ApiKeyRecord | null> {
    const { Item } = await this.db.doc.send(new GetCommand({ TableName: this.db.tables.apiKeys, Key: { id }, ConsistentRead: true }));
    return Item && typeof Item.userId === 'string' ? (Item as ApiKeyRecord) : null;
  }

  /** A user's keys that are not revoked, newest first. */
  async listByUser(userId: string): Promise<ApiKeyRecord[]> {
    const items: ApiKeyRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tables.apiKeys,
          IndexName: 'byUser',
          KeyConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': userId },
          ScanIndexForward: false,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...((page.Items ?? []) as ApiKeyRecord[]));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.filter((item) => !item.revokedAt);
  }

  /**
   * Stores a new key and counts it against its user's cap in one transaction: BAD_USER_INPUT when the user holds
   * MAX_API_KEYS_PER_USER already (however many requests race).
   */
  async create(record: ApiKeyRecord): Promise<void> {
    try {
      await this.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.db.tables.apiKeys, Item: record, ConditionExpression: 'attribute_not_exists(id)' } },
            {
              Update: {
                TableName: this.db.tables.apiKeys,
                Key: { id: counterId(record.userId) },
                UpdateExpression: 'ADD active :one',
                ConditionExpression: 'attribute_not_exists(active) OR active < :max',
                ExpressionAttributeValues: { ':one': 1, ':max': MAX_API_KEYS_PER_USER },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (failedConditions(error)?.[1]) {
        throw userError(ErrorCode.BAD_USER_INPUT, `You hold ${MAX_API_KEYS_PER_USER} API keys already: revoke one first`, {
          field: 'input',
          reason: 'TOO_MANY_API_KEYS',
        });
      }
      throw error;
    }
  }

  /** Marks a key of `userId` revoked; false when it is not theirs, does not exist or was revoked already. */
  async revoke(userId: string, id: string, at: Date): Promise<boolean> {
    try {
      await this.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.db.tables.apiKeys,
                Key: { id },
                UpdateExpression: 'SET revokedAt = :at, purgeAt = :purge',
                ConditionExpression: 'userId = :u AND attribute_not_exists(revokedAt)',
                ExpressionAttributeValues: {
                  ':at': at.toISOString(),
                  ':purge': Math.floor(at.getTime() / 1000) + REVOKED_RECORD_DAYS * 86_400,
                  ':u': userId,
                },
              },
            },
            {
              Update: {
                TableName: this.db.tables.apiKeys,
                Key: { id: counterId(userId) },
                UpdateExpression: 'ADD active :minus',
                ExpressionAttributeValues: { ':minus': -1 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedConditions(error)?.[0]) return false;
      throw error;
    }
  }

  /** Records the latest use of a key; never moves it backwards, never recreates a deleted key. */
  async touch(id: string, at: string): Promise<void> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tables.apiKeys,
          Key: { id },
          UpdateExpression: 'SET lastUsedAt = :at',
          ConditionExpression: 'attribute_exists(id) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :at)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

/** An allowlist entry: an IPv4 or IPv6 address, or a CIDR range of one. */
export function isAllowlistEntry(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128);
}

/** Whether `address` (as the router saw the client) is within `entries`; an IPv4-mapped IPv6 address counts as IPv4. */
export function addressAllowed(entries: readonly string[], address: string | undefined): boolean {
  if (entries.length === 0) return true;
  if (!address) return false;
  const plain = address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
  const family = net.isIPv4(plain) ? 'ipv4' : net.isIPv6(plain) ? 'ipv6' : null;
  if (!family) return false;
  const list = new net.BlockList();
  for (const entry of entries) {
    const [base, bits] = entry.split('/');
    const entryFamily = net.isIPv4(base!) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(base!, entryFamily);
    else list.addSubnet(base!, Number(bits), entryFamily);
  }
  return list.check(plain, family);
}

/** The refusals of a key, each with its stable reason. */
function refused(reason: 'API_KEY_INVALID' | 'API_KEY_REVOKED' | 'API_KEY_EXPIRED', message: string) {
  return userError(ErrorCode.UNAUTHENTICATED, message, { reason, http: { status: 401 } });
}
export const apiKeyRevoked = () => refused('API_KEY_REVOKED', 'This API key was revoked: create a new one');

/** What the router learns of each refusal (to audit it). */
export type ApiKeyRefusal = { keyId: string | null; userId: string | null; reason: string; ip: string | undefined };

/**
 * Resolves `ApiKey <secret>` credentials to identities, in the router. Records are cached for `cacheMs` (30 s): a
 * revocation reaches every router at once anyway, through the ended-session marker and event the users subgraph
 * publishes (sessions.ts), and the marker outlives the cache. Use is remembered per key and written at most once
 * per `flushMs` (default 30 s) per key, not once per request.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { record: ApiKeyRecord | null; loadedAt: number }>();
  private readonly used = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: ApiKeyStore,
    private readonly hasher: ApiKeyHasher,
    private readonly options: { cacheMs?: number; maxCached?: number; flushMs?: number; onRefused?: (refusal: ApiKeyRefusal) => void } = {},
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), options.flushMs ?? 30_000);
    this.timer.unref();
  }

  /** The identity of a secret used from `clientIp`, or UNAUTHENTICATED / FORBIDDEN with the reason. */
  async verify(secret: string, clientIp: string | undefined, now = Date.now()): Promise<Identity> {
    const id = apiKeyIdOf(secret);
    const refuse = (error: ReturnType<typeof refused>, record: ApiKeyRecord | null) => {
      this.options.onRefused?.({ keyId: record?.id ?? null, userId: record?.userId ?? null, reason: String(error.extensions.reason), ip: clientIp });
      return error;
    };
    if (!id) throw refuse(refused('API_KEY_INVALID', 'Invalid API key: it must be the secret createApiKey returned'), null);
    const record = await this.record(id, now);
    // The same refusal whether the id is unknown or the secret wrong: nothing tells a guesser which part was right.
    if (!record || !this.hasher.matches(secret, record.hash)) throw refuse(refused('API_KEY_INVALID', 'Invalid API key'), null);
    if (record.revokedAt) throw refuse(apiKeyRevoked(), record);
    const expiresAt = record.expiresAt ? Date.parse(record.expiresAt) : null;
    if (expiresAt !== null && expiresAt <= now) throw refuse(refused('API_KEY_EXPIRED', 'This API key has expired: create a new one'), record);
    if (!addressAllowed(record.allowedIps, clientIp)) {
      throw refuse(
        userError(ErrorCode.FORBIDDEN, 'This API key may not be used from this address', { reason: 'IP_NOT_ALLOWED', http: { status: 403 } }),
        record,
      );
    }
    this.used.set(id, new Date(now).toISOString());
    return {
      userId: record.userId,
      role: record.role,
      sessionId: `apikey:${id}`,
      apiKey: { id, scopes: record.scopes.map((scope) => GRANT[scope]) },
      ...(expiresAt !== null ? { expiresAt: Math.floor(expiresAt / 1000) } : {}),
    };
  }

  /** Writes the latest use of every key used since the last flush. */
  async flush(): Promise<void> {
    const used = [...this.used];
    this.used.clear();
    await Promise.all(used.map(([id, at]) => this.store.touch(id, at)));
  }

  /** Stops the flush timer after a last flush. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async record(id: string, now: number): Promise<ApiKeyRecord | null> {
    const cached = this.cache.get(id);
    if (cached && now - cached.loadedAt < (this.options.cacheMs ?? 30_000)) return cached.record;
    let record: ApiKeyRecord | null;
    try {
      record = await this.store.get(id);
    } catch (error) {
      // The database is unreachable: not the caller's fault, and not a verdict on the key. Retry shortly.
      throw userError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'API keys cannot be checked right now: retry in a moment',
        { http: { status: 503, headers: new Map([['retry-after', '1']]) } },
        error,
      );
    }
    if (this.cache.size >= (this.options.maxCached ?? 10_000)) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(id, { record, loadedAt: now });
    return record;
  }
}
