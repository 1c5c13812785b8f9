import { adminToken, codes, gql, registerUser, startTestStack } from './support';

// Relay paging through the router, as a client pages: every connection forward (first/after) to its end and back
// (last/before) to its start, the same items either way, with exact page info; and the watchlist, in the order asked.

let stack: Awaited<ReturnType<typeof startTestStack>>;
let trader: Awaited<ReturnType<typeof registerUser>>;
let admin: string;

const ORDERS = 13;
const DEPOSITS = 4;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await registerUser(stack.routerUrl, 'pager');
  for (let i = 0; i < DEPOSITS; i += 1) await gql(stack.routerUrl, 'mutation { deposit(amount: "2000") { id } }', {}, trader.token);
  for (let i = 0; i < ORDERS; i += 1) {
    const placed = await gql(
      stack.routerUrl,
      'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }',
      { i: { symbol: ['BTC', 'ETH', 'SOL'][i % 3], side: 'BUY', type: 'MARKET', quantity: '0.001' } },
      trader.token,
    );
    if (placed.errors) throw new Error(JSON.stringify(placed.errors));
  }
  admin = await adminToken(stack, `pager_admin_${Date.now()}`);
}, 90_000);
afterAll(() => stack?.close());

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: PageInfo;
  totalCount?: number | null;
}
type Args = { first?: number; after?: string | null; last?: number; before?: string | null };

/** A list as a client reads it: one page per request, for some arguments. */
type List = (args: Args) => Promise<Page>;

const PAGE = 'edges { cursor node { id: __ID__ } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const page = (id: string) => PAGE.replace('__ID__', id);

function list(query: string, pick: (data: never) => Page, token?: string, variables: Record<string, unknown> = {}): List {
  return async (args) => {
    const response = await gql(stack.routerUrl, query, { ...variables, ...args }, token);
    if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors));
    return pick(response.data as never);
  };
}

const ARGS = '$first: Int, $after: String, $last: Int, $before: String';
const PAGING = 'first: $first, after: $after, last: $last, before: $before';
const orders = () =>
  list(`query(${ARGS}) { me { orders(${PAGING}) { ${page('id')} } } }`, (data: { me: { orders: Page } }) => data.me.orders, trader.token);
const transactions = (filter?: Record<string, unknown>) =>
  list(
    `query(${ARGS}, $filter: LedgerEntryFilter) { me { transactions(${PAGING}, filter: $filter) { totalCount ${page('id')} } } }`,
    (data: { me: { transactions: Page } }) => data.me.transactions,
    trader.token,
    { filter: filter ?? null },
  );
const assets = (filter: Record<string, unknown> = {}, sort: Record<string, unknown> | null = null) =>
  list(
    `query(${ARGS}, $filter: AssetFilter, $sort: AssetSort) { assets(${PAGING}, filter: $filter, sort: $sort) { totalCount ${page('symbol')} } }`,
    (data: { assets: Page }) => data.assets,
    undefined,
    { filter, sort },
  );
const securityEvents = () =>
  list(
    `query(${ARGS}) { me { securityEvents(${PAGING}) { ${page('id')} } } }`,
    (data: { me: { securityEvents: Page } }) => data.me.securityEvents,
    trader.token,
  );
const users = () => list(`query(${ARGS}) { users(${PAGING}) { ${page('id')} } }`, (data: { users: Page }) => data.users, admin);
const auditEvents = () =>
  list(`query(${ARGS}) { auditEvents(${PAGING}) { ${page('id')} } }`, (data: { auditEvents: Page }) => data.auditEvents, admin);

const ids = (p: Page) => p.edges.map((edge) => edge.node.id);

/** Forward with first/after from the start to the end. */
async function forward(read: List, size: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let after: string | null = null; pages.length < 100;) {
    const current = await read({ first: size, after });
    pages.push(current);
    if (!current.pageInfo.hasNextPage) return pages;
    after = current.pageInfo.endCursor;
  }
  throw new Error('the list never ended');
}

/** Backward with last/before from the end to the start; the pages in list order. */
async function backward(read: List, size: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let before: string | null = null; pages.length < 100;) {
    const current = await read({ last: size, before });
    pages.unshift(current);
    if (!current.pageInfo.hasPreviousPage) return pages;
    before = current.pageInfo.startCursor;
  }
  throw new Error('the list never began');
}

/** What every page of a walk must say: its own first and last cursors, and items on each side but at the ends. */
function expectExactPageInfo(pages: Page[]) {
  pages.forEach((p, i) => {
    expect(p.pageInfo).toEqual({
      hasPreviousPage: i > 0,
      hasNextPage: i < pages.length - 1,
      startCursor: p.edges[0]?.cursor ?? null,
      endCursor: p.edges.at(-1)?.cursor ?? null,
    });
  });
}

/**
 * Walks a list both ways: the items are the same, in the same order; every page's info is exact; and "Previous"
 * from any page forward (last/before its startCursor) is exactly the page before it, cursors and all.
 */
async function expectSameBothWays(read: List, size: number, atLeast: number) {
  const ahead = await forward(read, size);
  const back = await backward(read, size);
  expect(ahead.flatMap(ids).length).toBeGreaterThanOrEqual(atLeast);
  expect(back.flatMap(ids)).toEqual(ahead.flatMap(ids));
  expect(new Set(ahead.flatMap(ids)).size).toBe(ahead.flatMap(ids).length);
  expectExactPageInfo(ahead);
  expectExactPageInfo(back);
  // Backward pages are full but for the first one; forward pages but for the last one.
  expect(back.slice(1).every((p) => p.edges.length === size)).toBe(true);
  expect(ahead.slice(0, -1).every((p) => p.edges.length === size)).toBe(true);
  for (let i = 1; i < ahead.length; i += 1) {
    const previous = await read({ last: size, before: ahead[i]!.pageInfo.startCursor });
    expect(previous).toEqual(ahead[i - 1]);
  }
  return ahead;
}

test("a trader's orders, forward and backward, newest first", async () => {
  const pages = await expectSameBothWays(orders(), 4, ORDERS);
  expect(pages.flatMap(ids)).toHaveLength(ORDERS);
  // Newest first: ULIDs sort by placement time.
  expect(pages.flatMap(ids)).toEqual([...pages.flatMap(ids)].sort().reverse());
});

test("a trader's ledger, forward and backward, counted in all, and with a filter", async () => {
  const pages = await expectSameBothWays(transactions(), 5, DEPOSITS + ORDERS);
  expect(pages.every((p) => p.totalCount === DEPOSITS + ORDERS)).toBe(true);
  const deposits = await expectSameBothWays(transactions({ type: 'DEPOSIT' }), 3, DEPOSITS);
  expect(deposits.flatMap(ids)).toHaveLength(DEPOSITS);
  // A type filter is not counted (it would read every entry of the type): null, as the schema says.
  expect(deposits[0]!.totalCount).toBeNull();
  const ranged = await transactions({ from: '2000-01-01T00:00:00Z' })({ last: 2 });
  expect(ranged.totalCount).toBe(DEPOSITS + ORDERS);
});

test.each([
  ['by market cap', {}, null],
  ['by price, lowest first', { activeOnly: false }, { field: 'PRICE', direction: 'ASC' }],
  ['a search by name', { search: 'coin' }, { field: 'NAME', direction: 'ASC' }],
])('the asset catalog %s, forward and backward', async (_label, filter, sort) => {
  const pages = await expectSameBothWays(assets(filter, sort), 17, 1);
  expect(pages.every((p) => p.totalCount === pages.flatMap(ids).length)).toBe(true);
});

test("a user's security events, and the admins' users and audit trail, forward and backward", async () => {
  for (let i = 0; i < 3; i += 1) {
    await gql(stack.routerUrl, 'mutation($i: LoginInput!) { login(input: $i) { token } }', {
      i: { username: trader.username, password: trader.password },
    });
  }
  await expectSameBothWays(securityEvents(), 2, 4);
  await expectSameBothWays(users(), 1, 2);
  await expectSameBothWays(auditEvents(), 3, 5);
});

test('a watchlist: up to 100 named assets in one call, in the order asked, each once, unknown ones absent', async () => {
  const watch = await assets({ symbols: ['eth', 'BTC', 'NOPE', 'ETH', 'sol', 'usdt'] })({});
  expect(ids(watch)).toEqual(['ETH', 'BTC', 'SOL', 'USDT']);
  expect(watch.totalCount).toBe(4);
  expect(watch.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
  // Paged in that order both ways, with the other conditions.
  const list = assets({ symbols: ['SOL', 'BTC', 'USDT', 'ETH', 'DOGE'], category: 'CURRENCY' });
  const pages = await expectSameBothWays(list, 2, 1);
  const all = (await forward(assets({ category: 'CURRENCY' }), 100)).flatMap(ids);
  expect(pages.flatMap(ids)).toEqual(['SOL', 'BTC', 'USDT', 'ETH', 'DOGE'].filter((symbol) => all.includes(symbol)));
  // 100 symbols are fine.
  const hundred = await assets({ symbols: [...Array.from({ length: 99 }, (_, i) => `ZZ${i}`), 'BTC'] })({});
  expect(ids(hundred)).toEqual(['BTC']);
});

test('refusals name their argument: last out of range, first with last, forged or foreign cursors, long watchlists', async () => {
  const refused = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await gql(stack.routerUrl, query, variables, token);
    return { codes: codes(response), field: response.errors?.[0]?.extensions?.field };
  };
  const refusal = (field: string) => ({ codes: ['BAD_USER_INPUT'], field });
  expect(await refused('{ me { orders(last: 0) { edges { cursor } } } }', {}, trader.token)).toEqual(refusal('last'));
  expect(await refused('{ assets(last: 101) { totalCount } }')).toEqual(refusal('last'));
  expect(await refused('{ me { transactions(first: 2, last: 2) { edges { cursor } } } }', {}, trader.token)).toEqual(refusal('last'));
  expect(await refused('{ me { securityEvents(last: 2, before: "bm9wZQ.AAAAAAAAAAAAAAAA") { edges { cursor } } } }', {}, trader.token)).toEqual(
    refusal('before'),
  );
  // A genuine cursor of the same list with another filter would mean another place.
  const deposit = (await transactions({ type: 'DEPOSIT' })({ first: 1 })).pageInfo.endCursor;
  expect(await refused('query($b: String) { me { transactions(last: 2, before: $b) { edges { cursor } } } }', { b: deposit }, trader.token)).toEqual(
    refusal('before'),
  );
  const eth = (await assets({ symbols: ['ETH', 'BTC'] })({ first: 1 })).pageInfo.endCursor;
  expect(await refused('query($b: String) { assets(last: 2, before: $b, filter: { symbols: ["BTC", "ETH"] }) { totalCount } }', { b: eth })).toEqual(
    refusal('before'),
  );
  const symbols = Array.from({ length: 101 }, (_, i) => `A${i}`);
  expect(await refused('query($s: [String!]) { assets(filter: { symbols: $s }) { totalCount } }', { s: symbols })).toEqual(refusal('filter.symbols'));
  expect(await refused('{ assets(filter: { symbols: ["BTC", "not a symbol"] }) { totalCount } }')).toEqual(refusal('filter.symbols'));
});
