import { readMetrics } from '../src/metrics';
import { gql, registerUser, startTestStack } from './support';

// Inbound in-flight deduplication through the real router: identical queries in flight together are executed once
// and answered to each caller; never across callers; never a mutation.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack({ router: { rateLimits: { perUserPerMinute: 100_000, perAddressPerMinute: 100_000 } } });
});
afterAll(() => stack?.close());

const deduplicated = async () => (await readMetrics(stack.routerUrl.replace(/\/graphql$/, '/metrics')))['router_requests_deduplicated_total'] ?? 0;
const CATALOG = '{ assets(first: 50) { totalCount edges { node { symbol name price description } } } }';

test('a burst of identical anonymous queries shares executions, and every caller gets the whole answer', async () => {
  const alone = await gql(stack.routerUrl, CATALOG);
  const before = await deduplicated();
  let answers: Awaited<ReturnType<typeof gql>>[] = [];
  for (let burst = 0; burst < 10 && (await deduplicated()) === before; burst += 1) {
    answers = await Promise.all(Array.from({ length: 40 }, () => gql(stack.routerUrl, CATALOG)));
  }
  expect(await deduplicated()).toBeGreaterThan(before);
  expect(answers.map((answer) => answer.data)).toEqual(Array(40).fill(alone.data));
});

test("one trader's identical queries share; two traders' never do: each reads only their own account", async () => {
  const traders = await Promise.all(['ada', 'bo', 'cy'].map((name) => registerUser(stack.routerUrl, name)));
  await Promise.all(traders.map((trader, i) => gql(stack.routerUrl, `mutation { deposit(amount: "${(i + 1) * 100}") { id } }`, {}, trader.token)));
  const ME = '{ me { id username balance } }';
  const rounds = await Promise.all(
    Array.from({ length: 60 }, (_, i) => traders[i % 3]!).map(async (trader) => ({
      trader,
      answer: await gql(stack.routerUrl, ME, {}, trader.token),
    })),
  );
  for (const { trader, answer } of rounds) {
    expect(answer.data).toEqual({ me: { id: trader.id, username: trader.username, balance: String((traders.indexOf(trader) + 1) * 100) } });
  }
});

test('identical mutations sent together are each executed', async () => {
  const trader = await registerUser(stack.routerUrl, 'twice');
  const deposits = await Promise.all(
    Array.from({ length: 10 }, () => gql(stack.routerUrl, 'mutation { deposit(amount: "5") { id } }', {}, trader.token)),
  );
  expect(new Set(deposits.map((answer) => (answer.data as { deposit: { id: string } }).deposit.id)).size).toBe(10);
  const { data } = await gql<{ me: { balance: string } }>(stack.routerUrl, '{ me { balance } }', {}, trader.token);
  expect(data?.me.balance).toBe('50');
});

test('a read sent right after a deposit completes sees it, however many identical reads were in flight', async () => {
  const trader = await registerUser(stack.routerUrl, 'reader');
  const BALANCE = '{ me { balance } }';
  for (let round = 1; round <= 5; round += 1) {
    const inFlight = Array.from({ length: 10 }, () => gql(stack.routerUrl, BALANCE, {}, trader.token));
    await gql(stack.routerUrl, 'mutation { deposit(amount: "1") { id } }', {}, trader.token);
    const after = await gql<{ me: { balance: string } }>(stack.routerUrl, BALANCE, {}, trader.token);
    expect(after.data?.me.balance).toBe(String(round));
    await Promise.all(inFlight);
  }
});
