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
