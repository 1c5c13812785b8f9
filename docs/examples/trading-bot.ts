// A minimal trading bot: one API key and nothing else (no password, no token to refresh).
//
//   API=http://localhost:4000/graphql KEY=tk_... npx tsx docs/examples/trading-bot.ts
//
// It reads its watchlist's prices in one call, follows them live over graphql-ws, and on the first tick places a
// limit buy 1 % under the price of the first symbol (a key with READ and TRADE). It follows its own orders over the
// same socket, reads its quota from the answers' RateLimit headers and waits when told (429, Retry-After), and
// subscribes again if the router ends a subscription it fell behind on (SUBSCRIPTION_OVERFLOW). With TICKS=n it
// cancels its open order and stops after n ticks; without, it runs until stopped (Ctrl-C).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const API = process.env.API ?? 'http://localhost:4000/graphql';
const KEY = process.env.KEY ?? '';
const WATCHLIST = (process.env.SYMBOLS ?? 'BTC,ETH,SOL').split(',').map((symbol) => symbol.trim());
const TICKS = Number(process.env.TICKS ?? Infinity);
const QUANTITY = process.env.QUANTITY ?? '0.001';

if (!KEY.startsWith('tk_')) throw new Error('Set KEY to an API key secret (createApiKey returns it once)');

interface GraphQLError {
  message: string;
  extensions?: { code?: string; reason?: string };
}

/** One operation over HTTP with the key; waits and retries when rate limited; throws on any other error. */
async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  for (;;) {
    const response = await fetch(API, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    // RateLimit: "key";r=<left>;t=<seconds until the window ends>
    const quota = /r=(\d+);t=(\d+)/.exec(response.headers.get('ratelimit') ?? '');
    if (quota) console.log(`quota: ${quota[1]} requests left for ${quota[2]} s`);
    const body = (await response.json()) as { data?: T; errors?: GraphQLError[] };
    if (response.status === 429) {
      const wait = Number(response.headers.get('retry-after') ?? 1);
      console.log(`rate limited: waiting ${wait} s`);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      continue;
    }
    if (body.errors?.length) throw new Error(body.errors.map((error) => `${error.extensions?.code}: ${error.message}`).join('; '));
    return body.data!;
  }
}

const socket = createClient({
  url: API.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `ApiKey ${KEY}` },
  // A revoked or expired key closes the socket with 4401 or 4403: retrying would not help.
  shouldRetry: (event) => ![4401, 4403].includes((event as { code?: number }).code ?? 0),
});

/** Follows a subscription, subscribing again when the router ended it because this bot fell behind. */
function follow<T>(query: string, variables: Record<string, unknown>, onEvent: (data: T) => void): () => void {
  let stop = () => {};
  const start = () => {
    stop = socket.subscribe<T>(
      { query, variables },
      {
        next: ({ data, errors }) => {
          if (errors?.some((error) => error.extensions?.code === 'SUBSCRIPTION_OVERFLOW')) {
            console.log('fell behind: subscribing again');
            setImmediate(start);
          } else if (errors) console.error('subscription error:', errors.map((error) => error.message).join('; '));
          else if (data) onEvent(data);
        },
        error: (error) => console.error('subscription failed:', error),
        complete: () => undefined,
      },
    );
  };
  start();
  return () => stop();
}

/** A limit buy 1 % under the price, so that it waits in the book (OPEN) unless the price falls to it. */
async function buyUnder(tick: { symbol: string; price: string }): Promise<string> {
  const limitPrice = (Number(tick.price) * 0.99).toFixed(2);
  const { placeOrder } = await graphql<{ placeOrder: { id: string; status: string } }>(
    'mutation Buy($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }',
    { input: { symbol: tick.symbol, side: 'BUY', type: 'LIMIT', quantity: QUANTITY, limitPrice, clientOrderId: `bot-${Date.now()}` } },
  );
  console.log(`placed ${placeOrder.id}: limit buy ${QUANTITY} ${tick.symbol} at ${limitPrice}, ${placeOrder.status}`);
  return placeOrder.id;
}

async function main(): Promise<void> {
  const { assets } = await graphql<{ assets: { edges: { node: { symbol: string; name: string; price: string } }[] } }>(
    'query Watchlist($symbols: [String!]) { assets(filter: { symbols: $symbols }) { edges { node { symbol name price } } } }',
    { symbols: WATCHLIST },
  );
  for (const { node } of assets.edges) console.log(`watching ${node.symbol} (${node.name}) at ${node.price}`);

  let ticks = 0;
  let placed: Promise<string> | undefined;
  let finished: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));

  const stopOrders = follow<{ orderUpdated: { id: string; status: string; side: string; quantity: string; asset: { symbol: string } } }>(
    'subscription Orders { orderUpdated { id status side quantity asset { symbol } } }',
    {},
    ({ orderUpdated: order }) => console.log(`order ${order.id}: ${order.status} (${order.side} ${order.quantity} ${order.asset.symbol})`),
  );

  const stopTicks = follow<{ marketTicks: { at: string; ticks: { symbol: string; price: string }[] } }>(
    'subscription Ticks($symbols: [String!]) { marketTicks(symbols: $symbols) { at ticks { symbol price } } }',
    { symbols: WATCHLIST },
    ({ marketTicks }) => {
      ticks += 1;
      console.log(`tick ${ticks}: ${marketTicks.ticks.map((tick) => `${tick.symbol} ${tick.price}`).join(', ')}`);
      if (ticks === 1) placed = buyUnder(marketTicks.ticks[0]!);
      if (ticks >= TICKS) finished();
    },
  );

  process.once('SIGINT', () => finished());
  await done;
  stopTicks();
  if (placed) {
    const id = await placed;
    const { order } = await graphql<{ order: { status: string } }>('query Order($id: ID) { order(id: $id) { status } }', { id });
    if (order.status === 'OPEN') await graphql('mutation Cancel($id: ID!) { cancelOrder(id: $id) { id } }', { id });
  }
  // The order's last event (its cancellation) arrives on the socket before the bot leaves.
  await new Promise((resolve) => setTimeout(resolve, 500));
  stopOrders();
  await socket.dispose();
  console.log(`done after ${ticks} ticks`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
