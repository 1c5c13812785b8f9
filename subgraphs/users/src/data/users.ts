import { GetCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  batchGetItems,
  type Database,
  type Dec,
  type PageSource,
  type Role,
  dynamoNumber,
  ErrorCode,
  failedConditions,
  isConditionFailure,
  toDec,
  userError,
  ZERO,
} from '@trading/platform';

/** A user as stored (the password hash never leaves this module's callers' server side). */
export interface UserRecord {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  phone?: string;
  role: Role;
  createdAt: string;
  passwordHash: string;
  balance: Dec;
  ledgerSeq: number;
}

/** Uniqueness guard keys: usernames and emails are unique ignoring case. */
export const usernameKey = (username: string) => `username#${username.toLowerCase()}`;
export const emailKey = (email: string) => `email#${email.toLowerCase()}`;

/** Profile fields that `updateProfile` may change. */
export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  email?: string;
  /** null removes the phone number. */
  phone?: string | null;
}

/** Users and their login guards in DynamoDB. */
export class UserStore {
  constructor(private readonly db: Database) {}

  /** Reads a user by id (strongly consistent, so a write is visible to the next request). */
  async get(id: string): Promise<UserRecord | null> {
    const { Item } = await this.db.doc.send(new GetCommand({ TableName: this.db.tables.users, Key: { id }, ConsistentRead: true }));
    return Item ? fromItem(Item) : null;
  }

  /** Reads users by id in one BatchGetItem per 100 (strongly consistent); unknown ids are absent. */
  async getMany(ids: readonly string[]): Promise<Map<string, UserRecord>> {
    const items = await batchGetItems(this.db, 'users', 'id', ids);
    return new Map(items.map((item) => [item.id as string, fromItem(item)]));
  }

  /**
   * Up to `limit` users after the user `afterId`, in table order (a scan: admin listings only), keeping those
   * `keep` accepts. Reads page by page, so memory stays bounded whatever the table size.
   */
  async list(limit: number, afterId: string | undefined, keep: (user: UserRecord) => boolean): Promise<UserRecord[]> {
    const users: UserRecord[] = [];
    for await (const user of this.scan(afterId)) {
      if (keep(user)) users.push(user);
      if (users.length === limit) break;
    }
    return users;
  }

  /**
   * The users `keep` accepts in table order, as a connection's source (positions are user ids). A Scan only goes
   * forward from a key, so the users before a position are found by scanning from the start of the table up to it,
   * keeping the last `limit` (memory stays bounded; the reads grow with the users before the position, like a
   * filtered listing that matches few). Users are never deleted, so a cursor's user is always met on the way.
   * `beyond` first reads the cursor's own user (one GetItem), which settles it while that user still matches.
   */
  source(keep: (user: UserRecord) => boolean): PageSource<UserRecord, string> {
    return {
      read: async ({ after, before }, from, limit) => {
        const found: UserRecord[] = [];
        let metBefore = before === undefined;
        for await (const user of this.scan(after)) {
          if (user.id === before) {
            metBefore = true;
            break;
          }
          if (!keep(user)) continue;
          found.push(user);
          if (from === 'end' && found.length > limit) found.shift();
          // Reading forward stops at `limit`, unless a `before` given with `after` may yet show the window is empty.
          if (from === 'start' && found.length === limit && (before === undefined || after === undefined)) return found;
        }
        // A `before` not met after `after` lies before it: the window between them is empty.
        if (!metBefore) return [];
        return from === 'end' ? found.slice(-limit).reverse() : found.slice(0, limit);
      },
      beyond: async (position, side) => {
        const own = await this.get(position);
        if (own && keep(own)) return true;
        if (side === 'end') return (await this.list(1, position, keep)).length > 0;
        for await (const user of this.scan(undefined)) {
          if (user.id === position) return false;
          if (keep(user)) return true;
        }
        return false;
      },
    };
  }

  /** Every user in table order after the user `afterId` (from the start without it), scanned 100 at a time. */
  private async *scan(afterId: string | undefined): AsyncGenerator<UserRecord> {
    let start: Record<string, unknown> | undefined = afterId ? { id: afterId } : undefined;
    do {
      const page = await this.db.doc.send(new ScanCommand({ TableName: this.db.tables.users, ExclusiveStartKey: start, Limit: 100 }));
      for (const item of page.Items ?? []) yield fromItem(item);
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** Finds a user by username or email (either, ignoring case). */
  async findByLogin(login: string): Promise<UserRecord | null> {
    const key = login.includes('@') ? emailKey(login) : usernameKey(login);
    const { Item } = await this.db.doc.send(new GetCommand({ TableName: this.db.tables.userLogins, Key: { login: key }, ConsistentRead: true }));
    return Item ? this.get(Item.userId as string) : null;
  }

  /**
   * Creates a user with its username and email guards in one transaction; the database, not a prior read,
   * decides uniqueness, so two concurrent registrations of one name cannot both succeed.
   */
  async create(user: Omit<UserRecord, 'balance' | 'ledgerSeq'>): Promise<UserRecord> {
    const record: UserRecord = { ...user, balance: ZERO, ledgerSeq: 0 };
    try {
      await this.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.db.tables.users,
                Item: { ...record, balance: dynamoNumber(ZERO), ledgerSeq: dynamoNumber(0) },
                ConditionExpression: 'attribute_not_exists(#id)',
                ExpressionAttributeNames: { '#id': 'id' },
              },
            },
            guardPut(this.db, usernameKey(user.username), user.id),
            guardPut(this.db, emailKey(user.email), user.id),
          ],
        }),
      );
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.[1]) throw userError(ErrorCode.CONFLICT, `The username "${user.username}" is taken`, { field: 'username' });
      if (failed?.[2]) throw userError(ErrorCode.CONFLICT, 'An account with this email already exists', { field: 'email' });
      throw error;
    }
    return record;
  }

  /** Applies profile changes; an email change moves the email guard in the same transaction. */
  async updateProfile(current: UserRecord, changes: ProfileChanges): Promise<UserRecord> {
    const sets: string[] = [];
    const removes: string[] = [];
    const values: Record<string, unknown> = {};
    for (const field of ['firstName', 'lastName', 'email'] as const) {
      const value = changes[field];
      if (value !== undefined) {
        sets.push(`${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    if (changes.phone === null) removes.push('phone');
    else if (changes.phone !== undefined) {
      sets.push('phone = :phone');
      values[':phone'] = changes.phone;
    }
    if (sets.length === 0 && removes.length === 0) return current;
    const update = {
      TableName: this.db.tables.users,
      Key: { id: current.id },
      UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
      ConditionExpression: 'attribute_exists(#id)',
      ExpressionAttributeNames: { '#id': 'id' },
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    };
    const emailMoves = changes.email !== undefined && emailKey(changes.email) !== emailKey(current.email);
    if (!emailMoves) {
      await this.db.doc.send(new UpdateCommand(update));
    } else {
      try {
        await this.db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Update: update },
              guardPut(this.db, emailKey(changes.email!), current.id),
              {
                Delete: {
                  TableName: this.db.tables.userLogins,
                  Key: { login: emailKey(current.email) },
                  ConditionExpression: 'userId = :me',
                  ExpressionAttributeValues: { ':me': current.id },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (failedConditions(error)?.[1]) throw userError(ErrorCode.CONFLICT, 'An account with this email already exists', { field: 'email' });
        throw error;
      }
    }
    return (await this.get(current.id)) ?? current;
  }

  /** Replaces the password hash if it is still the one the caller checked against (no lost concurrent change). */
  async replacePasswordHash(userId: string, expectedHash: string, newHash: string): Promise<void> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tables.users,
          Key: { id: userId },
          UpdateExpression: 'SET passwordHash = :new',
          ConditionExpression: 'passwordHash = :old',
          ExpressionAttributeValues: { ':new': newHash, ':old': expectedHash },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw userError(ErrorCode.CONFLICT, 'The password was changed by another request: sign in again');
      throw error;
    }
  }
}

function guardPut(db: Database, login: string, userId: string) {
  return { Put: { TableName: db.tables.userLogins, Item: { login, userId }, ConditionExpression: 'attribute_not_exists(login)' } };
}

function fromItem(item: Record<string, unknown>): UserRecord {
  return {
    ...(item as unknown as UserRecord),
    balance: toDec(item.balance as Dec),
    ledgerSeq: toDec(item.ledgerSeq as Dec).toNumber(),
  };
}
