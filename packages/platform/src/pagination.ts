import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, userError } from './errors';

/** Where a page lies in its list, as the Relay cursor connections spec defines it. */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay connection page as the SDL declares it. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** Page-size rules for a list field. */
export interface PageRule {
  /** Size when neither `first` nor `last` is given; default 20. */
  defaultSize?: number;
  /** Largest `first` (and `last`) allowed; default 100. */
  maxSize?: number;
}

/** The argument a cursor came in: a refused cursor is BAD_USER_INPUT naming it. */
export type CursorField = 'after' | 'before';

/** Validates a page size argument (`first`, or `last`): 1..maxSize, default defaultSize. */
export function pageSize(size: number | null | undefined, rule: PageRule = {}, field: 'first' | 'last' = 'first'): number {
  const { defaultSize = 20, maxSize = 100 } = rule;
  if (size === null || size === undefined) return defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > maxSize) {
    throw userError(ErrorCode.BAD_USER_INPUT, `${field} must be between 1 and ${maxSize}`, { field });
  }
  return size;
}

/** The paging arguments of a connection field. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A connection's paging arguments, checked: the page holds up to `size` items of the window between the positions
 * `after` and `before` (both exclusive, in the list's order), its first ones, or with `backward` (`last`) its last
 * ones.
 */
export interface PageRequest<P> {
  size: number;
  backward: boolean;
  after?: P;
  before?: P;
}

/**
 * Checks a connection's paging arguments. `first` and `last` are 1..maxSize (BAD_USER_INPUT naming the one out of
 * range) and exclusive of each other (BAD_USER_INPUT, field `last`); with neither, the page is the first
 * `defaultSize` items, or with only `before` the last `defaultSize` before it. `readCursor` reads `after` and
 * `before` (refusing, with the field it is given, a cursor the list did not issue); sizes are checked before any
 * cursor is read.
 */
export function pageRequest<P>(
  args: PageArgs,
  readCursor: (cursor: string | null | undefined, field: CursorField) => P | undefined,
  rule: PageRule = {},
): PageRequest<P> {
  const hasFirst = args.first !== null && args.first !== undefined;
  const hasLast = args.last !== null && args.last !== undefined;
  if (hasFirst && hasLast) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'Give first or last, not both: first pages forward, last backward', { field: 'last' });
  }
  const backward = hasLast || (!hasFirst && args.before !== null && args.before !== undefined);
  const size = hasLast ? pageSize(args.last, rule, 'last') : pageSize(args.first, rule, 'first');
  const after = readCursor(args.after, 'after');
  const before = readCursor(args.before, 'before');
  return { size, backward, ...(after !== undefined ? { after } : {}), ...(before !== undefined ? { before } : {}) };
}

/**
 * The page of a request from the items read for it: up to `size + 1` items of the window, nearest the page's edge
 * first (so in reverse list order for a backward page); the extra one only proves there are more that way.
 * `beyond`: whether the list holds an item on the other side of the cursor the page starts from (at or before
 * `after` going forward, at or after `before` going backward); false when there is no such cursor. The page lists
 * its items in the list's order whichever way it was read, and `hasPreviousPage`/`hasNextPage` are as the Relay spec
 * defines them: the side the page was read towards from the extra item, the other side from `beyond`.
 */
export function connectionOf<T>(
  request: Pick<PageRequest<unknown>, 'size' | 'backward'>,
  read: readonly T[],
  cursorOf: (node: T) => string,
  beyond = false,
): Connection<T> {
  const more = read.length > request.size;
  const nodes = read.slice(0, request.size);
  if (request.backward) nodes.reverse();
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: request.backward ? more : beyond,
      hasNextPage: request.backward ? beyond : more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A list a connection pages through, in positions of type P (what its cursors hold). */
export interface PageSource<T, P> {
  /**
   * Up to `limit` items strictly between `after` and `before` (in the list's order), read from the window's start
   * (`'start'`: in list order) or from its end (`'end'`: the last item first).
   */
  read(window: { after?: P; before?: P }, from: 'start' | 'end', limit: number): Promise<T[]>;
  /**
   * Whether the list holds an item at `position` or before it (`side: 'start'`), or at it or after it (`'end'`):
   * the `hasPreviousPage` of a page read forward from `after`, the `hasNextPage` of a page read backward from
   * `before`. Left out where that is not cheap to know: those are then false, as the spec allows.
   */
  beyond?(position: P, side: 'start' | 'end'): Promise<boolean>;
}

/** Reads the page a request asks for from a source (the page and the look beyond its cursor run together). */
export async function readConnection<T, P>(request: PageRequest<P>, source: PageSource<T, P>, cursorOf: (node: T) => string): Promise<Connection<T>> {
  const { after, before, backward, size } = request;
  const from = backward ? before : after;
  const [read, beyond] = await Promise.all([
    source.read({ ...(after !== undefined ? { after } : {}), ...(before !== undefined ? { before } : {}) }, backward ? 'end' : 'start', size + 1),
    from !== undefined && source.beyond ? source.beyond(from, backward ? 'end' : 'start') : false,
  ]);
  return connectionOf(request, read, cursorOf, beyond);
}

/**
 * The page of a list held in memory, in its order: exact on both sides. `compare(item, position)` tells whether an
 * item comes before (< 0), at (0) or after (> 0) a position.
 */
export function connectionOfList<T, P>(
  items: readonly T[],
  request: PageRequest<P>,
  compare: (item: T, position: P) => number,
  cursorOf: (node: T) => string,
): Connection<T> {
  const firstAt = (found: (item: T) => boolean) => {
    const index = items.findIndex(found);
    return index === -1 ? items.length : index;
  };
  const { after, before } = request;
  const start = after === undefined ? 0 : firstAt((item) => compare(item, after) > 0);
  const atBefore = before === undefined ? items.length : firstAt((item) => compare(item, before) >= 0);
  const end = Math.max(start, atBefore);
  const read = request.backward
    ? items.slice(Math.max(start, end - request.size - 1), end).reverse()
    : items.slice(start, Math.min(end, start + request.size + 1));
  const beyond = request.backward ? atBefore < items.length : start > 0;
  return connectionOf(request, read, cursorOf, beyond);
}

/** A cursor longer than this is refused unread; the longest the platform issues is well under half of it. */
const MAX_CURSOR_LENGTH = 512;

const notOurs = (field: CursorField) => userError(ErrorCode.BAD_USER_INPUT, `${field} is not a cursor returned by this list`, { field });

/**
 * Cursors as the platform issues them: opaque, and verifiable, so that only a cursor this platform made is ever read.
 * A cursor is the position's JSON in base64url, a dot, and an HMAC-SHA256 of it (96 bits) under a key derived from
 * the service's secret; a cursor that was not issued (forged, edited, from another deployment, from before cursors
 * were signed) is refused as BAD_USER_INPUT (field `after` or `before`, where it came) before its content is looked at, so no hand-made number
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

  /**
   * Reads a cursor this API issued; anything else is BAD_USER_INPUT naming `field` (the argument it came in).
   * `check` narrows the decoded value.
   */
  decode<T>(cursor: string | null | undefined, check: (value: unknown) => value is T, field: CursorField = 'after'): T | undefined {
    if (cursor === null || cursor === undefined) return undefined;
    const dot = cursor.indexOf('.');
    if (cursor.length > MAX_CURSOR_LENGTH || dot < 0) throw notOurs(field);
    const payload = cursor.slice(0, dot);
    const tag = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = this.tag(payload);
    if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) throw notOurs(field);
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw notOurs(field);
    }
    // A signed cursor of another list (or of an older shape of this one) still fails its list's check.
    if (!check(value)) throw notOurs(field);
    return value;
  }

  /** A cursor for a position in a filtered list: the position (any JSON value) and the list's `cursorScope`. */
  encodeScoped(position: unknown, scope: string): string {
    return this.encode([position, scope]);
  }

  /**
   * Reads a cursor of `encodeScoped`. BAD_USER_INPUT (naming `field`, the argument it came in) when it is not one of
   * this API's cursors, or when it was issued for the same list with another filter (its position would mean
   * something else).
   */
  decodeScoped<T>(
    cursor: string | null | undefined,
    scope: string,
    isPosition: (value: unknown) => value is T,
    field: CursorField = 'after',
  ): T | undefined {
    const decoded = this.decode(
      cursor,
      (value): value is [T, string] => Array.isArray(value) && value.length === 2 && isPosition(value[0]) && typeof value[1] === 'string',
      field,
    );
    if (decoded === undefined) return undefined;
    if (decoded[1] !== scope) {
      throw userError(ErrorCode.BAD_USER_INPUT, `${field} is a cursor of this list with another filter: ask for the first page again`, { field });
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

/**
 * Builds a forward page from up to `size + 1` fetched nodes (the extra one only proves there is a next page);
 * `hasPreviousPage` as the caller knows it (false for a first page). `connectionOf` serves both directions.
 */
export function toConnection<T>(nodes: T[], size: number, cursorOf: (node: T) => string, hasPreviousPage = false): Connection<T> {
  return connectionOf({ size, backward: false }, nodes, cursorOf, hasPreviousPage);
}
