import { createHash } from 'node:crypto';
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

/** Opaque cursor for a position (a sort key, an offset, ...). */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Reads a cursor this API issued; anything else is BAD_USER_INPUT. `check` narrows the decoded value. */
export function decodeCursor<T>(cursor: string | null | undefined, check: (value: unknown) => value is T): T | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    if (cursor.length <= 512) {
      const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (check(value)) return value;
    }
  } catch {
    // fall through to the refusal
  }
  throw userError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor returned by this list', { field: 'after' });
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

/** A cursor for a position in a filtered list: the position and the list's `cursorScope`. */
export function encodeScopedCursor(position: string | number, scope: string): string {
  return encodeCursor([position, scope]);
}

/**
 * Reads a cursor of `encodeScopedCursor`. BAD_USER_INPUT (field `after`) when it is not one of this API's cursors,
 * or when it was issued for the same list with another filter (its position would mean something else). A bare
 * position (a cursor issued before the list had filters) is still accepted where `acceptBare` says so.
 */
export function decodeScopedCursor<T extends string | number>(
  cursor: string | null | undefined,
  scope: string,
  isPosition: (value: unknown) => value is T,
  acceptBare = false,
): T | undefined {
  const decoded = decodeCursor(
    cursor,
    (value): value is T | [T, string] =>
      (Array.isArray(value) && value.length === 2 && isPosition(value[0]) && typeof value[1] === 'string') || (acceptBare && isPosition(value)),
  );
  if (decoded === undefined || !Array.isArray(decoded)) return decoded;
  if (decoded[1] !== scope) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'after is a cursor of this list with another filter: ask for the first page again', { field: 'after' });
  }
  return decoded[0];
}

/** Builds a connection from up to `size + 1` fetched nodes (the extra one only proves there is a next page). */
export function toConnection<T>(nodes: T[], size: number, cursorOf: (node: T) => string): Connection<T> {
  const page = nodes.slice(0, size);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: nodes.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
