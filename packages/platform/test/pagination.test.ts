import { GraphQLError } from 'graphql';
import { cursorScope, Cursors, pageSize, toConnection, type Connection } from '../src/pagination';
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

const cursors = new Cursors('the service secret');
/** What a forger can make: a cursor of the old, unsigned shape (base64url JSON), or one with a made-up tag. */
const unsigned = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Cursors', () => {
  it.each([[{ pk: 'USER#1', n: 3 }], [{ pk: 'ünïcødé ✓', n: -0.5 }]])('round-trips %j', (position) => {
    expect(cursors.decode(cursors.encode(position), isPosition)).toEqual(position);
  });

  it('issues opaque cursors of URL-safe characters', () => {
    expect(cursors.encode({ pk: '?&/+=' + '\u00ff'.repeat(30), n: 1 })).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('reads nothing when no cursor is given', () => {
    expect(cursors.decode(undefined, isPosition)).toBeUndefined();
    expect(cursors.decode(null, isPosition)).toBeUndefined();
  });

  const genuine = cursors.encode({ pk: 'USER#1', n: 3 });
  const [payload, tag] = genuine.split('.') as [string, string];
  it.each([
    ['an empty string', ''],
    ['not base64', '%%%'],
    ['an unsigned cursor (the old shape)', unsigned({ pk: 'USER#1', n: 3 })],
    ['a number that overflows a database (1e+308), unsigned', unsigned(1e308)],
    ['a genuine payload with a made-up tag', `${payload}.AAAAAAAAAAAAAAAA`],
    ['an edited payload with the genuine tag', `${unsigned({ pk: 'USER#2', n: 3 })}.${tag}`],
    ['a truncated tag', `${payload}.${tag.slice(0, 8)}`],
    ['a cursor of another deployment (another secret)', new Cursors('another secret').encode({ pk: 'USER#1', n: 3 })],
    ['a genuine cursor of another list (another shape)', cursors.encode(['USER#1', 3])],
    ['a genuine cursor of JSON null', cursors.encode(null)],
  ])('refuses %s as BAD_USER_INPUT on field after', (_label, cursor) => {
    const error = refusal(() => cursors.decode(cursor, isPosition));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(error.message).toBe('after is not a cursor returned by this list');
  });

  it('refuses a cursor longer than 512 characters before checking it', () => {
    const long = cursors.encode('a'.repeat(360));
    expect(long.length).toBeGreaterThan(490);
    expect(long.length).toBeLessThanOrEqual(512);
    expect(cursors.decode(long, isString)).toBe('a'.repeat(360));
    const tooLong = cursors.encode('a'.repeat(400));
    expect(refusal(() => cursors.decode(tooLong, isString)).extensions.field).toBe('after');
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
    expect(cursors.decodeScoped(cursors.encodeScoped(id, scope), scope, isId)).toBe(id);
    const error = refusal(() => cursors.decodeScoped(cursors.encodeScoped(id, scope), cursorScope({ symbol: 'ETH' }), isId));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(error.message).toMatch(/another filter/);
  });

  it('refuses a bare position, a position of the wrong kind, and an unsigned scoped cursor', () => {
    const scope = cursorScope({});
    expect(cursors.decodeScoped(null, scope, isId)).toBeUndefined();
    expect(refusal(() => cursors.decodeScoped(cursors.encode(id), scope, isId)).extensions.field).toBe('after');
    expect(refusal(() => cursors.decodeScoped(cursors.encode([5, scope]), scope, isId)).extensions.field).toBe('after');
    expect(refusal(() => cursors.decodeScoped(unsigned([id, scope]), scope, isId)).extensions.field).toBe('after');
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
      const connection: Connection<Position> = toConnection(fetchAfter(cursors.decode(after, isPosition), 3), 3, (node) => cursors.encode(node));
      seen.push(...connection.edges.map((edge) => edge.node.n));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
