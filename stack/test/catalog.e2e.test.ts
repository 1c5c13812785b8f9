import { Decimal } from 'decimal.js';
import { codes, gql, startTestStack } from './support';

// The asset catalog through the router: public, filtered, sorted, paged without gaps.

interface AssetNode {
  symbol: string;
  name: string;
  category: string;
  price: string;
  change24h: string;
  marketCap: string;
  active: boolean;
}
interface Page {
  assets: { totalCount: number; edges: { cursor: string; node: AssetNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}
const ASSETS = `query($filter: AssetFilter, $sort: AssetSort, $first: Int, $after: String) {
  assets(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { symbol name category price change24h marketCap active } } pageInfo { hasNextPage endCursor } } }`;

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

async function all(variables: Record<string, unknown>): Promise<AssetNode[]> {
  const nodes: AssetNode[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const response: { data?: Page | null } = await gql<Page>(stack.routerUrl, ASSETS, { ...variables, after });
    nodes.push(...response.data!.assets.edges.map((e) => e.node));
    if (!response.data!.assets.pageInfo.hasNextPage) return nodes;
    after = response.data!.assets.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

test('serves at least 98 real assets with every field, paged without gaps or repeats', async () => {
  const first = await gql<Page>(stack.routerUrl, ASSETS, { first: 10 });
  expect(first.data!.assets.totalCount).toBeGreaterThanOrEqual(98);
  const nodes = await all({ first: 17 });
  expect(nodes.length).toBe(first.data!.assets.totalCount);
  expect(new Set(nodes.map((n) => n.symbol)).size).toBe(nodes.length);
  const btc = nodes.find((n) => n.symbol === 'BTC')!;
  expect(btc).toMatchObject({ name: 'Bitcoin', category: 'CURRENCY', active: true });
  expect(btc.price).toMatch(/^\d+(\.\d+)?$/);
  // Default order: market cap, largest first.
  const caps = nodes.map((n) => new Decimal(n.marketCap));
  expect(caps.every((cap, i) => i === 0 || caps[i - 1]!.gte(cap))).toBe(true);
});

test.each([
  ['PRICE', 'ASC'],
  ['PRICE', 'DESC'],
  ['NAME', 'ASC'],
  ['SYMBOL', 'DESC'],
  ['CHANGE_24H', 'DESC'],
  ['MARKET_CAP', 'ASC'],
] as const)('sorts by %s %s across pages', async (field, direction) => {
  const nodes = await all({ sort: { field, direction }, first: 25 });
  const key = (n: AssetNode) =>
    ({ PRICE: n.price, NAME: n.name.toLowerCase(), SYMBOL: n.symbol, CHANGE_24H: n.change24h, MARKET_CAP: n.marketCap })[field];
  const numeric = field !== 'NAME' && field !== 'SYMBOL';
  const sign = direction === 'ASC' ? 1 : -1;
  for (let i = 1; i < nodes.length; i += 1) {
    const a = key(nodes[i - 1]!);
    const b = key(nodes[i]!);
    const order = numeric ? new Decimal(a).comparedTo(b) : a < b ? -1 : a > b ? 1 : 0;
    expect(order * sign).toBeLessThanOrEqual(0);
  }
});

test('filters by search, category and price range', async () => {
  const search = await all({ filter: { search: 'coin' } });
  expect(search.length).toBeGreaterThan(0);
  expect(search.every((n) => `${n.symbol} ${n.name}`.toLowerCase().includes('coin'))).toBe(true);
  const stable = await all({ filter: { category: 'STABLECOIN' } });
  expect(stable.length).toBeGreaterThanOrEqual(2);
  expect(stable.every((n) => n.category === 'STABLECOIN')).toBe(true);
  const band = await all({ filter: { minPrice: '10', maxPrice: '100' } });
  expect(band.length).toBeGreaterThan(0);
  expect(band.every((n) => new Decimal(n.price).gte(10) && new Decimal(n.price).lte(100))).toBe(true);
});

test('asset(symbol) ignores case and answers null for an unknown symbol', async () => {
  const response = await gql<{ a: { symbol: string }; b: null }>(
    stack.routerUrl,
    '{ a: asset(symbol: "eth") { symbol } b: asset(symbol: "NOPE") { symbol } }',
  );
  expect(response.data).toEqual({ a: { symbol: 'ETH' }, b: null });
});

test.each([
  ['a negative minimum price', { filter: { minPrice: '-1' } }],
  ['an overlong search', { filter: { search: 'x'.repeat(101) } }],
  ['a forged cursor', { after: 'Zm9yZ2Vk' }],
  ['a page of 1000', { first: 1000 }],
])('refuses %s with BAD_USER_INPUT', async (_label, variables) => {
  expect(codes(await gql(stack.routerUrl, ASSETS, variables))).toEqual(['BAD_USER_INPUT']);
});
