import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from './ids';
import type { Database } from './dynamodb/database';
import type { Logger } from './logger';

/**
 * The security audit trail: who did what to which account, when, from where and with what outcome. Append-only (a
 * conditional put of a new item; nothing updates or deletes entries), kept for a configured number of days (a
 * DynamoDB TTL attribute, and filtered on read because the embedded endpoint does not expire items). Never holds a
 * password or a token: details are stripped of any key that could hold one.
 */

export const AUDIT_ACTIONS = [
  'REGISTER',
  'LOGIN',
  'LOGOUT',
  'LOGOUT_EVERYWHERE',
  'TOKEN_REFRESH',
  'REFRESH_REUSE',
  'PASSWORD_CHANGE',
  'ADMIN_CREATED',
  'ADMIN_ACTION',
  'RATE_LIMITED',
  'FORBIDDEN_ACCESS',
  'API_KEY_CREATED',
  'API_KEY_REVOKED',
  'API_KEY_REFUSED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

/** What a service reports. */
export interface AuditEventInput {
  action: AuditAction;
  outcome: AuditOutcome;
  /** Who acted (a user id), when known. */
  actorId?: string | null;
  actorRole?: string | null;
  /** The account concerned, when there is one (the account signed in to, the asset's admin is the actor...). */
  subjectId?: string | null;
  /** Why, for failures and denials (e.g. WRONG_CREDENTIALS, FORBIDDEN field). */
  reason?: string;
  ip?: string;
  requestId?: string;
  /** Structured context such as an admin action's before and after; secrets are removed. */
  details?: Record<string, unknown>;
}

/** An entry as stored and read back. */
export interface AuditEventRecord extends AuditEventInput {
  id: string;
  /** ISO 8601 instant. */
  at: string;
}

interface StoredEvent extends Omit<AuditEventRecord, 'details'> {
  /** Details as JSON text: numbers stay numbers (the document client would read them back as decimals). */
  details?: string;
  subjectKey: string;
  actorKey: string;
  day: string;
  sk: string;
  expiresAt: number;
}

const NOBODY = '-';
const SECRET_KEY = /pass(word)?|token|secret|authorization|hash/i;

/** Drops every key that could hold a secret, at any depth. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toFixed?: unknown }).toFixed === 'function') return String(value);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  );
}

/** A page of audit entries. */
export interface AuditPage {
  events: AuditEventRecord[];
  /** Where the next page starts, read the same way (to encode as a cursor); null at the end. */
  next: AuditPosition | null;
}

export interface AuditFilter {
  actorId?: string | null;
  action?: AuditAction | null;
  from?: Date | null;
  to?: Date | null;
}

const dayOf = (iso: string) => iso.slice(0, 10);

/** The audit trail of the platform, in one DynamoDB table. */
export class AuditLog {
  constructor(
    private readonly db: Database,
    private readonly options: {
      /** How many days entries are kept; default 365. */
      retentionDays?: number;
      log: Logger;
    },
  ) {}

  private get retentionDays(): number {
    return this.options.retentionDays ?? 365;
  }

  /** Creates the audit table if missing (every service that writes entries calls it at start). */
  async ensureTable(): Promise<void> {
    await this.db.ensureTables(['auditEvents']);
  }

  /** Appends an entry. */
  async record(input: AuditEventInput): Promise<void> {
    const at = new Date().toISOString();
    const id = newId();
    const { details, ...fields } = input;
    const event: StoredEvent = {
      ...fields,
      ...(details ? { details: JSON.stringify(withoutSecrets(details)) } : {}),
      id,
      at,
      subjectKey: input.subjectId ?? NOBODY,
      actorKey: input.actorId ?? NOBODY,
      day: dayOf(at),
      sk: `${at}#${id}`,
      expiresAt: Math.floor(Date.parse(at) / 1000) + this.retentionDays * 86_400,
    };
    await this.db.doc.send(new PutCommand({ TableName: this.db.tables.auditEvents, Item: event, ConditionExpression: 'attribute_not_exists(sk)' }));
  }

  /** Appends an entry without making the caller wait or fail (for refusals a request must not be slowed by). */
  recordInBackground(input: AuditEventInput): void {
    this.record(input).catch((err: unknown) => this.options.log.error({ err, action: input.action }, 'could not write an audit entry'));
  }

  /** The entries about one account, newest first (or the part `range` names). */
  async forSubject(subjectId: string, limit: number, range: AuditRange = {}): Promise<AuditPage> {
    const bounds = skBounds(range, { lower: '0', upper: '~' });
    return pageOf(await this.query({ key: ['subjectKey', subjectId] }, limit + 1, bounds, null, range.oldestFirst === true), limit);
  }

  /**
   * Entries matching a filter, newest first (or the part `range` names): by actor through its index, otherwise day by
   * day from `to` back to `from` (or from `from` on to `to`, read oldest first).
   */
  async search(filter: AuditFilter, limit: number, range: AuditRange = {}): Promise<AuditPage> {
    // Nothing is kept beyond the retention, nor recorded in the future (a day of margin for clocks): the range is
    // clamped to that, so a search walks at most retentionDays + 2 day partitions whatever dates it names.
    const now = Date.now();
    const oldest = now - this.retentionDays * 86_400_000;
    const to = new Date(Math.min(filter.to?.getTime() ?? now, now + 86_400_000)).toISOString();
    const from = new Date(Math.max(filter.from?.getTime() ?? oldest, oldest)).toISOString();
    const bounds = skBounds(range, { lower: from, upper: `${to}#~` });
    const action = filter.action ?? null;
    const oldestFirst = range.oldestFirst === true;
    if (filter.actorId) {
      return pageOf(await this.query({ index: 'byActor', key: ['actorKey', filter.actorId] }, limit + 1, bounds, action, oldestFirst), limit);
    }
    // Without an actor: the byDay index, one day partition after another, newest day first (or oldest first).
    const events: AuditEventRecord[] = [];
    const [first, last] = oldestFirst ? [dayOf(bounds.lower), dayOf(bounds.upper)] : [dayOf(bounds.upper), dayOf(bounds.lower)];
    for (let day = first; (oldestFirst ? day <= last : day >= last) && events.length <= limit; day = nextDay(day, oldestFirst ? 1 : -1)) {
      events.push(...(await this.query({ index: 'byDay', key: ['day', day] }, limit + 1 - events.length, bounds, action, oldestFirst)));
    }
    return pageOf(events, limit);
  }

  /**
   * Up to `limit` unexpired entries of one partition with `sk` within `bounds`, newest first (or oldest first),
   * optionally of one action.
   */
  private async query(
    partition: { index?: string; key: [string, string] },
    limit: number,
    bounds: SkBounds,
    action: AuditAction | null,
    oldestFirst: boolean,
  ): Promise<AuditEventRecord[]> {
    const now = Math.floor(Date.now() / 1000);
    const events: AuditEventRecord[] = [];
    // An empty range (DynamoDB refuses a BETWEEN whose bounds are the wrong way round).
    if (bounds.lower > bounds.upper) return events;
    let start: Record<string, unknown> | undefined;
    do {
      const response = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tables.auditEvents,
          ...(partition.index ? { IndexName: partition.index } : {}),
          KeyConditionExpression: '#key = :key AND sk BETWEEN :from AND :upper',
          ...(action ? { FilterExpression: '#action = :action' } : {}),
          ExpressionAttributeNames: { '#key': partition.key[0], ...(action ? { '#action': 'action' } : {}) },
          ExpressionAttributeValues: {
            ':key': partition.key[1],
            ':from': bounds.lower,
            ':upper': bounds.upper,
            ...(action ? { ':action': action } : {}),
          },
          ScanIndexForward: oldestFirst,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of response.Items ?? []) {
        const stored = item as unknown as StoredEvent;
        if ((bounds.upperOpen && stored.sk === bounds.upper) || (bounds.lowerOpen && stored.sk === bounds.lower)) continue;
        if (Number(stored.expiresAt) <= now) continue;
        events.push(toRecord(stored));
        if (events.length === limit) return events;
      }
      start = response.LastEvaluatedKey;
    } while (start);
    return events;
  }
}

/** One end of a read of the trail: an entry's position, that entry itself included or not. */
export interface AuditBound {
  position: AuditPosition;
  inclusive?: boolean;
}

/** Which part of a list of the trail (newest first) to read, and from which end. */
export interface AuditRange {
  /** Only entries older than this one (after it in the list). */
  olderThan?: AuditBound;
  /** Only entries newer than this one (before it in the list). */
  newerThan?: AuditBound;
  /** Read from the oldest end (a page before a cursor, or a look beyond one): the nearest to `newerThan` first. */
  oldestFirst?: boolean;
}

/** A range of sort keys, each end inclusive unless open. */
interface SkBounds {
  lower: string;
  upper: string;
  lowerOpen?: boolean;
  upperOpen?: boolean;
}

/** The sort keys of a list's range (`list`, inclusive) narrowed by a range of positions. */
function skBounds(range: AuditRange, list: { lower: string; upper: string }): SkBounds {
  const bounds: SkBounds = { ...list };
  const newer = range.newerThan;
  if (newer && (newer.position.sk > bounds.lower || (newer.position.sk === bounds.lower && !newer.inclusive))) {
    bounds.lower = newer.position.sk;
    bounds.lowerOpen = !newer.inclusive;
  }
  const older = range.olderThan;
  if (older && (older.position.sk < bounds.upper || (older.position.sk === bounds.upper && !older.inclusive))) {
    bounds.upper = older.position.sk;
    bounds.upperOpen = !older.inclusive;
  }
  return bounds;
}

/** Where a listing continues after an entry: its day partition and its sort key. */
export interface AuditPosition {
  day: string;
  sk: string;
}

/** Whether a decoded cursor is an AuditPosition (see Cursors). */
export function isAuditPosition(value: unknown): value is AuditPosition {
  const { day, sk } = (typeof value === 'object' && value !== null ? value : {}) as { day?: unknown; sk?: unknown };
  return typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) && typeof sk === 'string' && sk.length <= 128;
}

/** The position that continues a listing after this entry. */
export function auditPosition(event: AuditEventRecord): AuditPosition {
  return { day: dayOf(event.at), sk: `${event.at}#${event.id}` };
}

/** A page from up to limit + 1 entries: the extra one only proves there is more. */
function pageOf(events: AuditEventRecord[], limit: number): AuditPage {
  const page = events.slice(0, limit);
  const last = page.at(-1);
  return { events: page, next: events.length > limit && last ? auditPosition(last) : null };
}

function nextDay(day: string, step: 1 | -1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + step * 86_400_000).toISOString().slice(0, 10);
}

function toRecord(stored: StoredEvent): AuditEventRecord {
  const { subjectKey: _s, actorKey: _a, day: _d, sk: _k, expiresAt: _e, details, ...record } = stored;
  return { ...record, ...(details ? { details: JSON.parse(details) as Record<string, unknown> } : {}) };
}
