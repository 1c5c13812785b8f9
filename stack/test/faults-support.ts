import { setTimeout as delay } from 'node:timers/promises';
import { gql, type GqlResponse } from './support';

/**
 * Calls `attempt` until it returns without throwing, and returns what it returned; after `timeoutMs` fails with
 * `what` and the last failure. For conditions that have no event to await (a process coming back, a reconnect).
 */
export async function eventually<T>(what: string, attempt: () => Promise<T>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const { timeoutMs = 15_000, intervalMs = 200 } = options;
  const deadline = Date.now() + timeoutMs;
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() + intervalMs > deadline) {
        throw new Error(
          `${what}: not within ${timeoutMs} ms (${tries} tries); last failure: ${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        );
      }
    }
    await delay(intervalMs);
  }
}

/** Resolves with what `promise` resolves to, or fails naming `what` when it takes longer than `ms`. */
export async function within<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The port of a URL such as `http://127.0.0.1:41234/graphql`. */
export function portOf(url: string): string {
  const port = new URL(url).port;
  if (!port) throw new Error(`${url} names no port`);
  return port;
}

/** An `orderUpdated` event as ORDER_UPDATED selects it. */
export interface OrderUpdated {
  orderUpdated: { id: string; status: string; asset: { name: string }; user: { username: string } };
}
export const ORDER_UPDATED = 'subscription { orderUpdated { id status asset { name } user { username } } }';
export const PLACE_ORDER = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status total } }';

/** The answer to PLACE_ORDER. */
export type Placed = GqlResponse<{ placeOrder: { id: string; status: string; total: string } }>;

/** A market buy, answered as it is (a fill or errors). */
export function placeBuy(router: string, token: string, symbol: string, quantity: string): Promise<Placed> {
  return gql(router, PLACE_ORDER, { input: { symbol, side: 'BUY', type: 'MARKET', quantity } }, token);
}

/** A market buy that must fill; resolves with the order's id. */
export async function buy(router: string, token: string, symbol: string, quantity: string): Promise<string> {
  const response = await placeBuy(router, token, symbol, quantity);
  if (response.data?.placeOrder?.status !== 'FILLED') throw new Error(`the buy did not fill: ${response.status} ${JSON.stringify(response.errors)}`);
  return response.data.placeOrder.id;
}

/** A deposit that must succeed. */
export async function deposit(router: string, token: string, amount: string): Promise<void> {
  const response = await gql(router, 'mutation($amount: Decimal!) { deposit(amount: $amount) { balanceAfter } }', { amount }, token);
  if (!response.data?.deposit) throw new Error(`the deposit failed: ${response.status} ${JSON.stringify(response.errors)}`);
}

/** A trader's balance, holdings and (first 100) orders. */
export interface Books {
  balance: string;
  holdings: { quantity: string; asset: { symbol: string } }[];
  orders: { edges: { node: { id: string; status: string; side: string; total: string } }[] };
}
const BOOKS = '{ me { balance holdings { quantity asset { symbol } } orders(first: 100) { edges { node { id status side total } } } } }';

/** A trader's balance, holdings and orders as the API shows them. */
export async function books(router: string, token: string): Promise<Books> {
  const response = await gql<{ me: Books }>(router, BOOKS, {}, token);
  if (!response.data?.me || response.errors) throw new Error(`could not read the books: ${response.status} ${JSON.stringify(response.errors)}`);
  return response.data.me;
}
