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
  /** Where the next page starts (to encode as a cursor); null at the end. */
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

  /** The entries about one account, newest first. */
  async forSubject(subjectId: string, limit: number, cursor?: AuditPosition | null): Promise<AuditPage> {
    const events = await this.query({ key: ['subjectKey', subjectId] }, limit + 1, { upper: cursor?.sk });
    return pageOf(events, limit);
  }

  /** Entries matching a filter, newest first: by actor through its index, otherwise day by day from `to` back to `from`. */
  async search(filter: AuditFilter, limit: number, cursor?: AuditPosition | null): Promise<AuditPage> {
    // Nothing is kept beyond the retention, nor recorded in the future (a day of margin for clocks): the range is
    // clamped to that, so a search walks at most retentionDays + 2 day partitions whatever dates it names.
    const now = Date.now();
    const oldest = now - this.retentionDays * 86_400_000;
    const to = new Date(Math.min(filter.to?.getTime() ?? now, now + 86_400_000)).toISOString();
    const from = new Date(Math.max(filter.from?.getTime() ?? oldest, oldest)).toISOString();
    const range = { from, upper: cursor?.sk ?? `${to}#~`, action: filter.action ?? null };
    if (filter.actorId) return pageOf(await this.query({ index: 'byActor', key: ['actorKey', filter.actorId] }, limit + 1, range), limit);
    // Without an actor: the byDay index, one day partition after another, newest day first.
    const events: AuditEventRecord[] = [];
    const first = cursor && cursor.day < dayOf(range.upper) ? cursor.day : dayOf(range.upper);
    for (let day = first; day >= dayOf(from) && events.length <= limit; day = previousDay(day)) {
      events.push(...(await this.query({ index: 'byDay', key: ['day', day] }, limit + 1 - events.length, range)));
    }
    return pageOf(events, limit);
  }

  /**
   * Up to `limit` unexpired entries of one partition, newest first, with `sk` in [from, upper) (a cursor's entry is
   * the exclusive upper bound), optionally of one action.
   */
  private async query(
    partition: { index?: string; key: [string, string] },
    limit: number,
    range: { from?: string; upper?: string | undefined; action?: AuditAction | null },
  ): Promise<AuditEventRecord[]> {
    const now = Math.floor(Date.now() / 1000);
    const upper = range.upper ?? '~';
    const events: AuditEventRecord[] = [];
    // An empty range (DynamoDB refuses a BETWEEN whose bounds are the wrong way round).
    if ((range.from ?? '0') > upper) return events;
    let start: Record<string, unknown> | undefined;
    do {
      const response = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.tables.auditEvents,
          ...(partition.index ? { IndexName: partition.index } : {}),
          KeyConditionExpression: '#key = :key AND sk BETWEEN :from AND :upper',
          ...(range.action ? { FilterExpression: '#action = :action' } : {}),
          ExpressionAttributeNames: { '#key': partition.key[0], ...(range.action ? { '#action': 'action' } : {}) },
          ExpressionAttributeValues: {
            ':key': partition.key[1],
            ':from': range.from ?? '0',
            ':upper': upper,
            ...(range.action ? { ':action': range.action } : {}),
          },
          ScanIndexForward: false,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of response.Items ?? []) {
        const stored = item as unknown as StoredEvent;
        if (stored.sk === upper || Number(stored.expiresAt) <= now) continue;
        events.push(toRecord(stored));
        if (events.length === limit) return events;
      }
      start = response.LastEvaluatedKey;
    } while (start);
    return events;
  }
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

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function toRecord(stored: StoredEvent): AuditEventRecord {
  const { subjectKey: _s, actorKey: _a, day: _d, sk: _k, expiresAt: _e, details, ...record } = stored;
  return { ...record, ...(details ? { details: JSON.parse(details) as Record<string, unknown> } : {}) };
}
