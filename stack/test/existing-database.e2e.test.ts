import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { activeIndexes, createDatabase, createTableInput, type Database, type TableKey } from '@trading/platform';
import { type EmbeddedDynamo, startEmbeddedDynamo } from '@trading/platform/dynamodb/embedded';
import { adminToken, gql, registerUser, startTestStack } from './support';

// A database created before the order-list, fill and ledger-type indexes existed (an older `.data` folder): the
// platform starts on it, and filtered lists, the 24-hour activity and the portfolio history answer the same.

let embedded: EmbeddedDynamo;
let db: Database;
let stack: Awaited<ReturnType<typeof startTestStack>>;

/** Creates a table as an older version of the platform did: without the indexes added since. */
async function createTableWithout(key: TableKey, without: string[]): Promise<void> {
  await db.doc.send(new CreateTableCommand(createTableInput(key, db.tables[key], { withoutIndexes: without })));
  await db.ensureTables([key]);
}

beforeAll(async () => {
  embedded = await startEmbeddedDynamo();
  db = createDatabase({ endpoint: embedded.endpoint, region: 'us-east-1', tablePrefix: 'trading-' });
  await createTableWithout('orders', ['bySymbol', 'byStatus', 'filledBySymbol']);
  await createTableWithout('ledger', ['byType']);
  stack = await startTestStack({ dynamoEndpoint: embedded.endpoint });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  db?.close();
  await embedded?.close();
});

test('the platform starts on older tables and answers filtered lists, the 24-hour activity and the history', async () => {
  // The tables really are the old ones: starting the services did not (and could not) add the indexes.
  expect(await activeIndexes(db, 'orders')).toEqual(new Set(['byId', 'openBySymbol']));
  expect(await activeIndexes(db, 'ledger')).toEqual(new Set());

  const admin = await adminToken(stack, 'legacy_admin');
  const symbol = `E${Date.now().toString(36).toUpperCase()}`;
  const created = await gql(
    stack.routerUrl,
    'mutation($i: CreateAssetInput!) { createAsset(input: $i) { symbol } }',
    { i: { symbol, name: `Legacy test ${symbol}`, description: 'For the legacy tables test.', category: 'MEME', price: '2' } },
    admin,
  );
  expect(created.errors).toBeUndefined();
  const trader = await registerUser(stack.routerUrl, 'legacy');
  const PLACE = 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status } }';
  expect((await gql(stack.routerUrl, 'mutation { deposit(amount: "100") { id } }', {}, trader.token)).errors).toBeUndefined();
  const ids: string[] = [];
  for (const input of [
    { symbol, side: 'BUY', type: 'MARKET', quantity: '10' },
    { symbol: 'BTC', side: 'BUY', type: 'MARKET', quantity: '0.0001' },
    { symbol, side: 'SELL', type: 'MARKET', quantity: '4' },
    { symbol, side: 'BUY', type: 'LIMIT', quantity: '1', limitPrice: '1' },
  ]) {
    const placed = await gql<{ placeOrder: { id: string; status: string } }>(stack.routerUrl, PLACE, { i: input }, trader.token);
    expect(placed.errors).toBeUndefined();
    ids.push(placed.data!.placeOrder.id);
  }

  const response = await gql<{
    me: {
      bySymbol: { edges: { node: { id: string } }[] };
      open: { edges: { node: { id: string } }[] };
      sells: { edges: { node: { amount: string; order: { id: string } } }[] };
      portfolio: { totalValue: string; history: { value: string }[] };
    };
    asset: { volume24h: string; trades24h: number };
  }>(
    stack.routerUrl,
    `query($s: String!) { me {
      bySymbol: orders(first: 2, filter: { symbol: $s, side: BUY }) { edges { node { id } } }
      open: orders(first: 5, filter: { status: OPEN }) { edges { node { id } } }
      sells: transactions(first: 5, filter: { type: SELL }) { edges { node { amount order { id } } } }
      portfolio { totalValue history(interval: ONE_HOUR) { value } } }
      asset(symbol: $s) { volume24h trades24h } }`,
    { s: symbol.toLowerCase() },
    trader.token,
  );
  expect(response.errors).toBeUndefined();
  const { me, asset } = response.data!;
  expect(me.bySymbol.edges.map((edge) => edge.node.id)).toEqual([ids[3], ids[0]]);
  expect(me.open.edges.map((edge) => edge.node.id)).toEqual([ids[3]]);
  expect(me.sells.edges.map((edge) => edge.node)).toEqual([{ amount: '8', order: { id: ids[2] } }]);
  expect(me.portfolio.history.at(-1)).toEqual({ value: me.portfolio.totalValue });
  expect(asset).toEqual({ volume24h: '14', trades24h: 2 });
}, 60_000);
