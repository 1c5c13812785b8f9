import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, userError } from './errors';

/** A Relay connection page as the SDL declares it. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Page-size rules for a list field. */
export interface PageRule {
  /** Size when `first` is omitted; default 20. */
  defaultSize?: number;
  /** Largest `first` allowed; default 100. */
  maxSize?: number;
}

/** Validates `first`: 1..maxSize, default defaultSize. */
export function pageSize(first: number | null | undefined, rule: PageRule = {}): number {
  const { defaultSize = 20, maxSize = 100 } = rule;
  if (first === null || first === undefined) return defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > maxSize) {
    throw userError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${maxSize}`, { field: 'first' });
  }
  return first;
}

/** A cursor longer than this is refused unread; the longest the platform issues is well under half of it. */
const MAX_CURSOR_LENGTH = 512;

const notOurs = () => userError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor returned by this list', { field: 'after' });

/**
 * Cursors as the platform issues them: opaque, and verifiable, so that only a cursor this platform made is ever read.
 * A cursor is the position's JSON in base64url, a dot, and an HMAC-SHA256 of it (96 bits) under a key derived from
 * the service's secret; a cursor that was not issued (forged, edited, from another deployment, from before cursors
 * were signed) is refused as BAD_USER_INPUT (field `after`) before its content is looked at, so no hand-made number
 * or string ever reaches a database. Every connection of every subgraph uses the one in its request context.
 */
export class Cursors {
  private readonly key: Buffer;

  /** `secret`: the service's own secret (the subgraphs' INTERNAL_SECRET); a key for cursors only is derived from it. */
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('trading-platform cursors v1').digest();
  }

  /** An opaque cursor for a position (a sort key, an id, a sequence number, ...). */
  encode(position: unknown): string {
    const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${payload}.${this.tag(payload).toString('base64url')}`;
  }

  /** Reads a cursor this API issued; anything else is BAD_USER_INPUT. `check` narrows the decoded value. */
  decode<T>(cursor: string | null | undefined, check: (value: unknown) => value is T): T | undefined {
    if (cursor === null || cursor === undefined) return undefined;
    const dot = cursor.indexOf('.');
    if (cursor.length > MAX_CURSOR_LENGTH || dot < 0) throw notOurs();
    const payload = cursor.slice(0, dot);
    const tag = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = this.tag(payload);
    if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw notOurs();
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw notOurs();
    }
    // A signed cursor of another list (or of an older shape of this one) still fails its list's check.
    if (!check(value)) throw notOurs();
    return value;
  }

  /** A cursor for a position in a filtered list: the position and the list's `cursorScope`. */
  encodeScoped(position: string | number, scope: string): string {
    return this.encode([position, scope]);
  }

  /**
   * Reads a cursor of `encodeScoped`. BAD_USER_INPUT (field `after`) when it is not one of this API's cursors, or
   * when it was issued for the same list with another filter (its position would mean something else).
   */
  decodeScoped<T extends string | number>(
    cursor: string | null | undefined,
    scope: string,
    isPosition: (value: unknown) => value is T,
  ): T | undefined {
    const decoded = this.decode(
      cursor,
      (value): value is [T, string] => Array.isArray(value) && value.length === 2 && isPosition(value[0]) && typeof value[1] === 'string',
    );
    if (decoded === undefined) return undefined;
    if (decoded[1] !== scope) {
      throw userError(ErrorCode.BAD_USER_INPUT, 'after is a cursor of this list with another filter: ask for the first page again', {
        field: 'after',
      });
    }
    return decoded[0];
  }

  private tag(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, 12);
  }
}

/**
 * A short fingerprint of what a filtered list was asked for (the filter after normalization; absent and null
 * conditions do not count), kept in its cursors so that a cursor only continues the list it came from.
 */
export function cursorScope(filter: Record<string, unknown>): string {
  const conditions = Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(conditions)).digest('base64url').slice(0, 12);
}

/** Builds a connection from up to `size + 1` fetched nodes (the extra one only proves there is a next page). */
export function toConnection<T>(nodes: T[], size: number, cursorOf: (node: T) => string): Connection<T> {
  const page = nodes.slice(0, size);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: nodes.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
