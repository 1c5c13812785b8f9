import { randomUUID } from 'node:crypto';

// The traders the scenarios need, created through the router like any client would.

/** A GraphQL answer as a client sees it. */
export interface Answer<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POSTs one operation; resolves with the status and the parsed body. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer<T>, 'status'>) };
}

/** The data of an answer, or an error naming the operation and what went wrong. */
async function data<T>(what: string, answer: Promise<Answer<T>>): Promise<T> {
  const { status, data: value, errors } = await answer;
  if (!value || errors?.length) throw new Error(`${what} failed (HTTP ${status}): ${JSON.stringify(errors ?? value)}`);
  return value;
}

/** Registers a trader with a deposit; resolves with their access token. */
export async function registerTrader(routerUrl: string, name: string, deposit: string): Promise<string> {
  const username = `${name}_${randomUUID().slice(0, 8)}`;
  const { register } = await data(
    `register ${username}`,
    gql<{ register: { token: string } }>(
      routerUrl,
      `mutation { register(input: { username: "${username}", email: "${username}@bench.example", password: "bench passphrase",
        firstName: "Bench", lastName: "Trader" }) { token } }`,
    ),
  );
  await data(`deposit for ${username}`, gql(routerUrl, `mutation { deposit(amount: "${deposit}") { balanceAfter } }`, { token: register.token }));
  return register.token;
}

/** Runs `task` on every item, at most `concurrency` at a time. */
export async function inBatches<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** The ten assets the portfolio trader holds (large, liquid, none a stablecoin). */
const HELD = ['BTC', 'ETH', 'XRP', 'BNB', 'SOL', 'TRX', 'DOGE', 'ADA', 'LINK', 'LTC'];

/**
 * The trader of the portfolio and deep scenarios: a deposit, 49 market buys spread over ten assets and one open
 * limit buy, i.e. 10 positions, 50 orders and 50 ledger entries (the deposit and the 49 fills).
 */
export async function seedPortfolioTrader(routerUrl: string): Promise<string> {
  const token = await registerTrader(routerUrl, 'portfolio', '1000000');
  const { assets } = await data(
    'asset prices',
    gql<{ assets: { edges: { node: { symbol: string; price: string } }[] } }>(
      routerUrl,
      '{ assets(first: 100) { edges { node { symbol price } } } }',
    ),
  );
  const price = new Map(assets.edges.map(({ node }) => [node.symbol, Number(node.price)]));
  for (let i = 0; i < 49; i += 1) {
    const symbol = HELD[i % HELD.length]!;
    const unitPrice = price.get(symbol);
    if (!unitPrice) throw new Error(`the catalog has no price for ${symbol}`);
    // About 100 USD worth each, whatever the unit price.
    const quantity = (100 / unitPrice).toFixed(8);
    await data(
      `buy ${quantity} ${symbol}`,
      gql(routerUrl, `mutation { placeOrder(input: { symbol: "${symbol}", side: BUY, type: MARKET, quantity: "${quantity}" }) { id } }`, { token }),
    );
  }
  const limit = (price.get('BTC')! / 2).toFixed(2);
  await data(
    'open limit buy',
    gql(routerUrl, `mutation { placeOrder(input: { symbol: "BTC", side: BUY, type: LIMIT, quantity: "0.001", limitPrice: "${limit}" }) { id } }`, {
      token,
    }),
  );
  return token;
}
