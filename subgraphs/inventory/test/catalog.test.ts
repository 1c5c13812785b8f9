import { Cursors, Dec } from '@trading/platform';
import { GraphQLError } from 'graphql';
import type { AssetRecord } from '../src/data/assets';
import { normaliseSymbol, queryCatalog } from '../src/domain/catalog';

const cursors = new Cursors('a test secret');

const asset = (symbol: string, price: string, overrides: Partial<AssetRecord> = {}): AssetRecord => ({
  symbol,
  name: `${symbol} coin`,
  description: '',
  category: 'CURRENCY',
  price: new Dec(price),
  change24h: new Dec(0),
  marketCap: new Dec(price).times(1000),
  active: true,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

const symbols = (connection: ReturnType<typeof queryCatalog>) => connection.edges.map((e) => e.node.symbol);

const catalog = [
  asset('AAA', '3'),
  asset('BBB', '1'),
  asset('CCC', '2', { category: 'MEME' }),
  asset('DDD', '2'),
  asset('EEE', '0.00001234', { active: false }),
  asset('FFF', '10', { name: 'Fancy Token' }),
];

test('defaults: active assets only, by market cap largest first, 20 per page', () => {
  const page = queryCatalog(catalog, {}, cursors);
  expect(symbols(page)).toEqual(['FFF', 'AAA', 'CCC', 'DDD', 'BBB']);
  expect(page.totalCount).toBe(5);
  expect(page.pageInfo.hasNextPage).toBe(false);
});

test('equal sort values are ordered by symbol, so pages are deterministic', () => {
  expect(symbols(queryCatalog(catalog, { sort: { field: 'PRICE', direction: 'ASC' } }, cursors))).toEqual(['BBB', 'CCC', 'DDD', 'AAA', 'FFF']);
  expect(symbols(queryCatalog(catalog, { sort: { field: 'PRICE', direction: 'DESC' } }, cursors))).toEqual(['FFF', 'AAA', 'CCC', 'DDD', 'BBB']);
});

test('compares prices as decimals, not as text', () => {
  const list = [asset('X', '9'), asset('Y', '10'), asset('Z', '0.5')];
  expect(symbols(queryCatalog(list, { sort: { field: 'PRICE', direction: 'ASC' } }, cursors))).toEqual(['Z', 'X', 'Y']);
});

test('a cursor continues after its item even when prices moved between pages', () => {
  const first = queryCatalog(catalog, { sort: { field: 'PRICE', direction: 'ASC' }, first: 2 }, cursors);
  expect(symbols(first)).toEqual(['BBB', 'CCC']);
  // CCC's price jumps and a new asset appears before the cursor: the next page neither repeats nor skips DDD.
  const moved = [...catalog.filter((a) => a.symbol !== 'CCC'), asset('CCC', '50'), asset('AAB', '0.1')];
  const second = queryCatalog(moved, { sort: { field: 'PRICE', direction: 'ASC' }, first: 2, after: first.pageInfo.endCursor }, cursors);
  expect(symbols(second)).toEqual(['DDD', 'AAA']);
});

test('filters combine: search in symbol or name, category, price bounds, inactive on request', () => {
  expect(symbols(queryCatalog(catalog, { filter: { search: 'fancy' } }, cursors))).toEqual(['FFF']);
  expect(symbols(queryCatalog(catalog, { filter: { category: 'MEME' } }, cursors))).toEqual(['CCC']);
  expect(symbols(queryCatalog(catalog, { filter: { minPrice: '2', maxPrice: '3' }, sort: { field: 'SYMBOL', direction: 'ASC' } }, cursors))).toEqual([
    'AAA',
    'CCC',
    'DDD',
  ]);
  expect(symbols(queryCatalog(catalog, { filter: { activeOnly: false, maxPrice: '0.0001' } }, cursors))).toEqual(['EEE']);
});

test('bad arguments are BAD_USER_INPUT naming the field', () => {
  const field = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof GraphQLError ? [error.extensions.code, error.extensions.field] : error;
    }
    return 'no error';
  };
  expect(field(() => queryCatalog(catalog, { filter: { minPrice: 'cheap' } }, cursors))).toEqual(['BAD_USER_INPUT', 'filter.minPrice']);
  expect(field(() => queryCatalog(catalog, { after: 'nope' }, cursors))).toEqual(['BAD_USER_INPUT', 'after']);
  expect(field(() => normaliseSymbol('BTC-USD'))).toEqual(['BAD_USER_INPUT', 'symbol']);
  expect(normaliseSymbol('btc')).toBe('BTC');
});

/** The code and field of what fn throws. */
const refusalOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof GraphQLError ? { code: error.extensions.code, field: error.extensions.field } : error;
  }
  return 'no error';
};

test('pages backward with last/before through the same pages as forward, with exact page info on both sides', () => {
  const sort = { field: 'SYMBOL', direction: 'ASC' } as const;
  const first = queryCatalog(catalog, { sort, first: 2 }, cursors);
  expect(symbols(first)).toEqual(['AAA', 'BBB']);
  expect(first.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  const second = queryCatalog(catalog, { sort, first: 2, after: first.pageInfo.endCursor }, cursors);
  expect(symbols(second)).toEqual(['CCC', 'DDD']);
  expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  const third = queryCatalog(catalog, { sort, first: 2, after: second.pageInfo.endCursor }, cursors);
  expect(symbols(third)).toEqual(['FFF']);
  expect(third.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  // Back: the two before the third page's first asset, then the two before those.
  const back = queryCatalog(catalog, { sort, last: 2, before: third.pageInfo.startCursor }, cursors);
  expect(back).toEqual(second);
  const start = queryCatalog(catalog, { sort, last: 2, before: back.pageInfo.startCursor }, cursors);
  expect(start).toEqual(first);
  // The end of the list, in its order; the total is the filter's, whatever the page.
  const end = queryCatalog(catalog, { sort, last: 3 }, cursors);
  expect(symbols(end)).toEqual(['CCC', 'DDD', 'FFF']);
  expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  expect(end.totalCount).toBe(5);
});

test('last is bounded like first, not with it; a before cursor is checked like an after one', () => {
  expect(refusalOf(() => queryCatalog(catalog, { last: 0 }, cursors))).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
  expect(refusalOf(() => queryCatalog(catalog, { last: 101 }, cursors))).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
  expect(refusalOf(() => queryCatalog(catalog, { first: 2, last: 2 }, cursors))).toEqual({ code: 'BAD_USER_INPUT', field: 'last' });
  expect(refusalOf(() => queryCatalog(catalog, { last: 2, before: 'nope' }, cursors))).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
  // A genuine cursor of the list in another order, or with another filter, would mean another place.
  const bySymbol = queryCatalog(catalog, { sort: { field: 'SYMBOL', direction: 'ASC' }, first: 2 }, cursors).pageInfo.endCursor;
  expect(refusalOf(() => queryCatalog(catalog, { last: 2, before: bySymbol }, cursors))).toEqual({ code: 'BAD_USER_INPUT', field: 'before' });
  expect(refusalOf(() => queryCatalog(catalog, { sort: { field: 'SYMBOL', direction: 'DESC' }, after: bySymbol }, cursors))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'after',
  });
  const memes = queryCatalog(catalog, { filter: { category: 'MEME' }, first: 1 }, cursors).pageInfo.endCursor;
  expect(refusalOf(() => queryCatalog(catalog, { filter: { category: 'CURRENCY' }, after: memes }, cursors))).toEqual({
    code: 'BAD_USER_INPUT',
    field: 'after',
  });
});

describe('a watchlist: filter.symbols', () => {
  const watch = (list: string[], args: Parameters<typeof queryCatalog>[1] = {}) =>
    queryCatalog(catalog, { ...args, filter: { ...args.filter, symbols: list } }, cursors);

  it('is in the order asked, in any case, each once at its first place; unknown symbols are absent', () => {
    const page = watch(['ddd', 'NOPE', 'AAA', 'DDD', 'bbb', 'aaa']);
    expect(symbols(page)).toEqual(['DDD', 'AAA', 'BBB']);
    expect(page.totalCount).toBe(3);
    expect(symbols(watch([]))).toEqual([]);
  });

  it('combines with the other conditions, and a sort given orders it', () => {
    expect(symbols(watch(['FFF', 'EEE', 'CCC', 'AAA']))).toEqual(['FFF', 'CCC', 'AAA']);
    expect(symbols(watch(['FFF', 'EEE', 'CCC', 'AAA'], { filter: { activeOnly: false } }))).toEqual(['FFF', 'EEE', 'CCC', 'AAA']);
    expect(symbols(watch(['FFF', 'CCC', 'AAA'], { filter: { maxPrice: '5' } }))).toEqual(['CCC', 'AAA']);
    expect(symbols(watch(['FFF', 'CCC', 'AAA'], { sort: { field: 'SYMBOL', direction: 'ASC' } }))).toEqual(['AAA', 'CCC', 'FFF']);
  });

  it('pages in the order asked, both ways, with cursors that belong to that watchlist', () => {
    const list = ['FFF', 'BBB', 'AAA', 'DDD', 'CCC'];
    const first = watch(list, { first: 2 });
    expect(symbols(first)).toEqual(['FFF', 'BBB']);
    const second = watch(list, { first: 2, after: first.pageInfo.endCursor });
    expect(symbols(second)).toEqual(['AAA', 'DDD']);
    expect(second.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const last = watch(list, { last: 2 });
    expect(symbols(last)).toEqual(['DDD', 'CCC']);
    expect(symbols(watch(list, { last: 2, before: last.pageInfo.startCursor }))).toEqual(['BBB', 'AAA']);
    expect(refusalOf(() => watch(['BBB', 'FFF', 'AAA'], { first: 2, after: first.pageInfo.endCursor }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('names at most 100 symbols, each one a symbol', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `S${i}`);
    expect(watch(hundred).totalCount).toBe(0);
    expect(refusalOf(() => watch([...hundred, 'AAA']))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.symbols' });
    expect(refusalOf(() => watch(['AAA', 'BTC-USD']))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.symbols' });
    expect(refusalOf(() => watch(['']))).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.symbols' });
  });
});
