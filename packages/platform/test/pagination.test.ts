import { GraphQLError } from 'graphql';
import {
  cursorScope,
  decodeCursor,
  decodeScopedCursor,
  encodeCursor,
  encodeScopedCursor,
  pageSize,
  toConnection,
  type Connection,
} from '../src/pagination';
import { thrownBy } from './support';

/** The GraphQLError fn throws. */
const refusal = (fn: () => unknown): GraphQLError => thrownBy(GraphQLError, fn);

interface Position {
  pk: string;
  n: number;
}
const isPosition = (value: unknown): value is Position =>
  typeof value === 'object' && value !== null && typeof (value as Position).pk === 'string' && typeof (value as Position).n === 'number';
const isString = (value: unknown): value is string => typeof value === 'string';

describe('pageSize', () => {
  it('defaults to 20 when first is omitted', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it('uses the default of the rule', () => {
    expect(pageSize(undefined, { defaultSize: 5 })).toBe(5);
    expect(pageSize(null, { defaultSize: 50, maxSize: 200 })).toBe(50);
  });

  it.each([1, 20, 100])('accepts first = %d within the default maximum of 100', (first) => {
    expect(pageSize(first)).toBe(first);
  });

  it.each([0, -1, 101, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses first = %d with BAD_USER_INPUT on field first', (first) => {
    const error = refusal(() => pageSize(first));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('first');
    expect(error.message).toContain('100');
  });

  it('uses the maximum of the rule', () => {
    expect(pageSize(10, { maxSize: 10 })).toBe(10);
    const error = refusal(() => pageSize(11, { maxSize: 10 }));
    expect(error.extensions.field).toBe('first');
    expect(error.message).toContain('10');
    expect(pageSize(150, { maxSize: 200 })).toBe(150);
  });
});

describe('encodeCursor and decodeCursor', () => {
  it.each([[{ pk: 'USER#1', n: 3 }], [{ pk: 'ünïcødé ✓', n: -0.5 }]])('round-trips %j', (position) => {
    expect(decodeCursor(encodeCursor(position), isPosition)).toEqual(position);
  });

  it('makes cursors that are safe in URLs and JSON without escaping', () => {
    const cursor = encodeCursor({ pk: '?&/+=' + '\u00ff'.repeat(30), n: 1 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('returns undefined for no cursor (the first page)', () => {
    expect(decodeCursor(undefined, isPosition)).toBeUndefined();
    expect(decodeCursor(null, isPosition)).toBeUndefined();
  });

  it.each([
    ['not base64 at all', '%%%%'],
    ['an empty string', ''],
    ['base64 of text that is not JSON', Buffer.from('hello world').toString('base64url')],
    ['base64 of truncated JSON', Buffer.from('{"pk":"USER#1"').toString('base64url')],
    ['JSON that fails the check', encodeCursor({ pk: 1, n: 'x' })],
    ['JSON of another shape', encodeCursor(['USER#1', 3])],
    ['JSON null', encodeCursor(null)],
    ['a cursor of another list', encodeCursor('some-other-list-position')],
  ])('refuses %s with BAD_USER_INPUT on field after', (_what, cursor) => {
    const error = refusal(() => decodeCursor(cursor, isPosition));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('after');
  });

  it('refuses a cursor longer than 512 characters even when it decodes to an acceptable value', () => {
    // 382 characters + 2 quotes = 384 bytes of JSON = exactly 512 base64url characters.
    const atLimit = encodeCursor('a'.repeat(382));
    expect(atLimit).toHaveLength(512);
    expect(decodeCursor(atLimit, isString)).toBe('a'.repeat(382));

    const overLimit = encodeCursor('a'.repeat(383));
    expect(overLimit.length).toBeGreaterThan(512);
    const error = refusal(() => decodeCursor(overLimit, isString));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('after');
  });

  it('refuses a cursor whose check throws, rather than failing the request', () => {
    const throwingCheck = (value: unknown): value is Position => {
      throw new Error(`cannot check ${String(value)}`);
    };
    const error = refusal(() => decodeCursor(encodeCursor({ pk: 'x', n: 1 }), throwingCheck));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('after');
  });
});

describe('scoped cursors', () => {
  const isId = (value: unknown): value is string => typeof value === 'string' && /^[0-9A-Z]{26}$/.test(value);
  const id = '01JN0000000000000000000000';

  it('fingerprints a filter by its conditions, whatever their order, ignoring those not given', () => {
    expect(cursorScope({ symbol: 'BTC', side: 'BUY' })).toBe(cursorScope({ side: 'BUY', symbol: 'BTC', status: undefined, type: null }));
    expect(cursorScope({ symbol: 'BTC' })).not.toBe(cursorScope({ symbol: 'ETH' }));
    expect(cursorScope({})).not.toBe(cursorScope({ from: 0 }));
  });

  it('continues the list it came from, and refuses another filter on field after', () => {
    const scope = cursorScope({ symbol: 'BTC' });
    expect(decodeScopedCursor(encodeScopedCursor(id, scope), scope, isId)).toBe(id);
    const error = refusal(() => decodeScopedCursor(encodeScopedCursor(id, scope), cursorScope({ symbol: 'ETH' }), isId));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(error.message).toMatch(/another filter/);
  });

  it('accepts a bare position (a cursor from before lists had filters) only where allowed', () => {
    const scope = cursorScope({});
    expect(decodeScopedCursor(encodeCursor(id), scope, isId, true)).toBe(id);
    expect(refusal(() => decodeScopedCursor(encodeCursor(id), scope, isId)).extensions.field).toBe('after');
    expect(decodeScopedCursor(null, scope, isId)).toBeUndefined();
    expect(refusal(() => decodeScopedCursor(encodeCursor([id, 5]), scope, isId)).extensions.field).toBe('after');
  });
});

describe('toConnection', () => {
  const cursorOf = (n: number) => `c${n}`;

  it('has no next page when the fetch returned at most size nodes', () => {
    expect(toConnection([1, 2, 3], 3, cursorOf)).toEqual({
      edges: [
        { cursor: 'c1', node: 1 },
        { cursor: 'c2', node: 2 },
        { cursor: 'c3', node: 3 },
      ],
      pageInfo: { hasNextPage: false, endCursor: 'c3' },
    });
    expect(toConnection([1, 2], 3, cursorOf).pageInfo).toEqual({ hasNextPage: false, endCursor: 'c2' });
  });

  it('drops the extra node that proves a next page, and ends at the last node shown', () => {
    const connection = toConnection([1, 2, 3, 4], 3, cursorOf);
    expect(connection.edges.map((edge) => edge.node)).toEqual([1, 2, 3]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c3' });
  });

  it('has a null end cursor and no next page when empty', () => {
    expect(toConnection([], 10, cursorOf)).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('pages through a list with cursors that lead to the next page', () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ pk: 'ITEM', n: i }));
    const fetchAfter = (after: Position | undefined, size: number) => all.filter((item) => !after || item.n > after.n).slice(0, size + 1);
    const seen: number[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const connection: Connection<Position> = toConnection(fetchAfter(decodeCursor(after, isPosition), 3), 3, encodeCursor);
      seen.push(...connection.edges.map((edge) => edge.node.n));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
