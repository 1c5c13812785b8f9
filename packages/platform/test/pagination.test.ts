import { GraphQLError } from 'graphql';
import {
  connectionOf,
  connectionOfList,
  cursorScope,
  Cursors,
  pageRequest,
  pageSize,
  readConnection,
  toConnection,
  type Connection,
  type CursorField,
  type PageArgs,
  type PageSource,
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
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c3' },
    });
    expect(toConnection([1, 2], 3, cursorOf).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c2' });
  });

  it('drops the extra node that proves a next page, and ends at the last node shown', () => {
    const connection = toConnection([1, 2, 3, 4], 3, cursorOf);
    expect(connection.edges.map((edge) => edge.node)).toEqual([1, 2, 3]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: 'c1', endCursor: 'c3' });
  });

  it('has a null end cursor and no next page when empty', () => {
    expect(toConnection([], 10, cursorOf)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
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

describe('cursors named by the argument they came in', () => {
  it('refuses a cursor it did not issue as BAD_USER_INPUT naming before when it came as before', () => {
    const error = refusal(() => cursors.decode(unsigned({ pk: 'USER#1', n: 3 }), isPosition, 'before'));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
    expect(error.message).toBe('before is not a cursor returned by this list');
  });

  it('refuses a before cursor of another filter naming before', () => {
    const id = '01JN0000000000000000000000';
    const isId = (value: unknown): value is string => typeof value === 'string';
    const cursor = cursors.encodeScoped(id, cursorScope({ symbol: 'BTC' }));
    expect(cursors.decodeScoped(cursor, cursorScope({ symbol: 'BTC' }), isId, 'before')).toBe(id);
    const error = refusal(() => cursors.decodeScoped(cursor, cursorScope({ symbol: 'ETH' }), isId, 'before'));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
  });

  it('scopes any JSON position, such as a pair', () => {
    const isPair = (value: unknown): value is [string, string] => Array.isArray(value) && value.every((part) => typeof part === 'string');
    const scope = cursorScope({ sort: 'PRICE' });
    expect(cursors.decodeScoped(cursors.encodeScoped(['1.5', 'BTC'], scope), scope, isPair)).toEqual(['1.5', 'BTC']);
  });
});

/** Reads a cursor of the tests' lists: `n:<number>`, as a list would with Cursors; anything else is refused naming its field. */
const readCursor = (cursor: string | null | undefined, field: CursorField): number | undefined => {
  if (cursor === null || cursor === undefined) return undefined;
  if (!/^n:\d+$/.test(cursor)) throw refusal(() => cursors.decode(cursor, isString, field));
  return Number(cursor.slice(2));
};
const cursorOfN = (n: number) => `n:${n}`;

describe('pageRequest', () => {
  it('pages forward by default: the first 20, or first items after a cursor', () => {
    expect(pageRequest({}, readCursor)).toEqual({ size: 20, backward: false });
    expect(pageRequest({ first: 5, after: 'n:3' }, readCursor)).toEqual({ size: 5, backward: false, after: 3 });
    expect(pageRequest({ first: 5, before: 'n:9' }, readCursor)).toEqual({ size: 5, backward: false, before: 9 });
  });

  it('pages backward with last, or with only before (the 20 before it)', () => {
    expect(pageRequest({ last: 7 }, readCursor)).toEqual({ size: 7, backward: true });
    expect(pageRequest({ last: 7, before: 'n:9', after: 'n:1' }, readCursor)).toEqual({ size: 7, backward: true, before: 9, after: 1 });
    expect(pageRequest({ before: 'n:9' }, readCursor)).toEqual({ size: 20, backward: true, before: 9 });
    expect(pageRequest({ before: 'n:9' }, readCursor, { defaultSize: 5 })).toEqual({ size: 5, backward: true, before: 9 });
  });

  it.each([1, 100])('accepts last = %d, as first', (last) => {
    expect(pageRequest({ last }, readCursor).size).toBe(last);
  });

  it.each([0, -1, 101, 1.5])('refuses last = %d with BAD_USER_INPUT on field last', (last) => {
    const error = refusal(() => pageRequest({ last }, readCursor));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(error.message).toBe('last must be between 1 and 100');
  });

  it.each<PageArgs>([{ first: 101 }, { first: 0, before: 'n:1' }])('refuses first out of range on field first (%j)', (args) => {
    expect(refusal(() => pageRequest(args, readCursor)).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses first and last together on field last, even when both are valid', () => {
    const error = refusal(() => pageRequest({ first: 10, last: 10 }, readCursor));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(error.message).toMatch(/first or last, not both/);
  });

  it('names the argument of a refused cursor, and checks sizes before reading any cursor', () => {
    expect(refusal(() => pageRequest({ after: 'forged' }, readCursor)).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(refusal(() => pageRequest({ last: 3, before: 'forged' }, readCursor)).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
    expect(refusal(() => pageRequest({ last: 0, before: 'forged' }, readCursor)).extensions.field).toBe('last');
  });
});

describe('connectionOf', () => {
  it('a forward page: the extra item proves a next page, beyond says whether items come before after', () => {
    expect(connectionOf({ size: 2, backward: false }, [4, 5, 6], cursorOfN, true)).toEqual({
      edges: [
        { cursor: 'n:4', node: 4 },
        { cursor: 'n:5', node: 5 },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: true, startCursor: 'n:4', endCursor: 'n:5' },
    });
    expect(connectionOf({ size: 2, backward: false }, [4], cursorOfN).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: 'n:4',
      endCursor: 'n:4',
    });
  });

  it('a backward page: read from its end, shown in list order; the extra item proves a previous page', () => {
    const page = connectionOf({ size: 2, backward: true }, [6, 5, 4], cursorOfN, true);
    expect(page.edges.map((edge) => edge.node)).toEqual([5, 6]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: 'n:5', endCursor: 'n:6' });
    expect(connectionOf({ size: 2, backward: true }, [2, 1], cursorOfN, false).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: 'n:1',
      endCursor: 'n:2',
    });
  });
});

/** A walk through a paged list: forward with first/after to the end, then back with last/before to the start. */
async function walk(page: (args: PageArgs) => Promise<Connection<number>>, size: number) {
  const forward: { nodes: number[]; info: Connection<number>['pageInfo'] }[] = [];
  let after: string | null = null;
  for (let i = 0; i < 20; i += 1) {
    const connection: Connection<number> = await page({ first: size, after });
    forward.push({ nodes: connection.edges.map((edge) => edge.node), info: connection.pageInfo });
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  const backward: typeof forward = [];
  let before = forward.at(-1)!.info.startCursor;
  for (let i = 0; i < 20 && before; i += 1) {
    const connection: Connection<number> = await page({ last: size, before });
    backward.unshift({ nodes: connection.edges.map((edge) => edge.node), info: connection.pageInfo });
    if (!connection.pageInfo.hasPreviousPage) break;
    before = connection.pageInfo.startCursor;
  }
  return { forward, backward };
}

describe('connectionOfList', () => {
  const list = [10, 20, 30, 40, 50, 60, 70];
  const page = async (args: PageArgs) => connectionOfList(list, pageRequest(args, readCursor), (item, n) => item - n, cursorOfN);

  it('pages forward and back through the same pages, with exact page info on both sides', async () => {
    const { forward, backward } = await walk(page, 3);
    expect(forward.map((p) => p.nodes)).toEqual([[10, 20, 30], [40, 50, 60], [70]]);
    expect(forward.map((p) => [p.info.hasPreviousPage, p.info.hasNextPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    // Back from the last page: the three before it, then the one before those (pages end where the walk began).
    expect(backward.map((p) => p.nodes)).toEqual([
      [10, 20, 30],
      [40, 50, 60],
    ]);
    expect(backward.map((p) => [p.info.hasPreviousPage, p.info.hasNextPage])).toEqual([
      [false, true],
      [true, true],
    ]);
  });

  it('last alone is the end of the list, in its order; before alone the 20 before it', async () => {
    expect((await page({ last: 2 })).edges.map((edge) => edge.node)).toEqual([60, 70]);
    expect((await page({ last: 2 })).pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect((await page({ before: 'n:40' })).edges.map((edge) => edge.node)).toEqual([10, 20, 30]);
    expect((await page({ last: 10 })).pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
  });

  it('pages within both cursors, the Relay way: first from the window start, last from its end', async () => {
    expect((await page({ first: 2, after: 'n:20', before: 'n:60' })).edges.map((edge) => edge.node)).toEqual([30, 40]);
    expect((await page({ last: 2, after: 'n:20', before: 'n:60' })).edges.map((edge) => edge.node)).toEqual([40, 50]);
    expect((await page({ first: 5, after: 'n:20', before: 'n:60' })).pageInfo).toEqual({
      hasPreviousPage: true,
      hasNextPage: false,
      startCursor: 'n:30',
      endCursor: 'n:50',
    });
    expect((await page({ first: 5, after: 'n:60', before: 'n:20' })).edges).toEqual([]);
  });

  it('keeps its place at positions no longer in the list (an item gone, or a position between two)', async () => {
    expect((await page({ first: 2, after: 'n:35' })).edges.map((edge) => edge.node)).toEqual([40, 50]);
    expect((await page({ last: 2, before: 'n:35' })).edges.map((edge) => edge.node)).toEqual([20, 30]);
    expect((await page({ last: 2, before: 'n:5' })).pageInfo).toEqual({
      hasPreviousPage: false,
      hasNextPage: true,
      startCursor: null,
      endCursor: null,
    });
  });
});

describe('readConnection', () => {
  const list = [1, 2, 3, 4, 5, 6, 7, 8];
  const reads: string[] = [];
  const source: PageSource<number, number> = {
    read: async ({ after, before }, from, limit) => {
      reads.push(`read ${from} ${limit}`);
      const window = list.filter((n) => (after === undefined || n > after) && (before === undefined || n < before));
      return (from === 'end' ? window.reverse() : window).slice(0, limit);
    },
    beyond: async (position, side) => {
      reads.push(`beyond ${side} ${position}`);
      return list.some((n) => (side === 'start' ? n <= position : n >= position));
    },
  };
  const page = (args: PageArgs) => readConnection(pageRequest(args, readCursor), source, cursorOfN);

  it('reads size + 1 from the page edge, and looks beyond the cursor it starts from', async () => {
    reads.length = 0;
    const connection = await page({ first: 3, after: 'n:2' });
    expect(connection.edges.map((edge) => edge.node)).toEqual([3, 4, 5]);
    expect(connection.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: true, startCursor: 'n:3', endCursor: 'n:5' });
    expect(reads).toEqual(['read start 4', 'beyond start 2']);
    reads.length = 0;
    expect((await page({ last: 3, before: 'n:8' })).edges.map((edge) => edge.node)).toEqual([5, 6, 7]);
    expect(reads).toEqual(['read end 4', 'beyond end 8']);
    reads.length = 0;
    await page({ first: 3 });
    expect(reads).toEqual(['read start 4']);
  });

  it('walks forward and back through the same pages', async () => {
    const { forward, backward } = await walk(page, 3);
    expect(forward.flatMap((p) => p.nodes)).toEqual(list);
    expect(backward.flatMap((p) => p.nodes)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(backward[0]!.info.hasPreviousPage).toBe(false);
    expect(forward.at(-1)!.info).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('says false beyond a cursor when the source cannot tell cheaply, as the spec allows', async () => {
    const { beyond: _unused, ...forwardOnly } = source;
    const connection = await readConnection(pageRequest({ first: 2, after: 'n:4' }, readCursor), forwardOnly, cursorOfN);
    expect(connection.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });
});
