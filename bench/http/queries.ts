// The operations `npm run bench` sends, and what a correct answer to each looks like (checked once before every
// target is measured; under load, any answer with GraphQL errors or without data counts as an error).

/** The catalog page, every asset field, anonymous: one subgraph (inventory). */
export const CATALOG = `query Catalog {
  assets(first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { symbol name description category price change24h marketCap active } }
  }
}`;

/**
 * The signed-in user's dashboard, as the web app's DashboardPage asks for it with longer lists: users (me, balance,
 * ledger), orders (portfolio, which @requires the balance, and orders) and inventory (each asset's name and price).
 */
export const PORTFOLIO = `query Portfolio {
  me {
    id username firstName balance
    portfolio {
      cashBalance reservedCash availableCash holdingsValue totalValue
      positions { quantity reservedQuantity averageCost marketValue unrealizedPnl asset { symbol name price change24h } }
    }
    orders(first: 50) {
      edges { node { id side type status quantity limitPrice price total createdAt filledAt asset { symbol name price } } }
      pageInfo { hasNextPage endCursor }
    }
    transactions(first: 50) {
      edges { node { id type amount balanceAfter createdAt orderId } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/**
 * Nested across the three subgraphs in the shape of the public gateway benchmarks (users -> reviews -> product ->
 * reviews -> author ...). @apollo/gateway plans it as 9 fetches, 8 of them entity fetches, and a chain of four entity
 * hops, each waiting for the previous one: users (me) -> orders (User.orders, holdings, inner orders) -> users
 * (Order.user's balance) -> orders (User.portfolio, which @requires that balance) -> inventory (the positions'
 * assets); beside that chain, inventory (the assets of orders, holdings and inner orders) and users (the inner
 * orders' user).
 */
export const DEEP = `query Deep {
  me {
    id username
    orders(first: 10) {
      edges {
        node {
          id side status quantity price total createdAt
          asset { symbol name description category price change24h marketCap active }
          user {
            id username firstName lastName balance
            portfolio {
              totalValue availableCash
              positions { quantity marketValue unrealizedPnl asset { symbol name price change24h } }
            }
            holdings { quantity averageCost asset { symbol name category price } }
            orders(first: 5) {
              edges { node { id status total asset { symbol name price } user { id username balance } } }
            }
          }
        }
      }
    }
  }
}`;

/** A market buy for the orders scenario: small enough that a funded user can place thousands. */
export const PLACE_ORDER = `mutation Buy { placeOrder(input: { symbol: "ETH", side: BUY, type: MARKET, quantity: "0.001" }) { id status price total } }`;

/** The JSON body of a POST /graphql. */
export const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, ...(variables ? { variables } : {}) });

/** True for an answer with data and no GraphQL errors (cheap: runs on every response under load). */
export const answered = (text: string) => text.startsWith('{"data":') && !text.includes('"errors":');

/** The seeded trader of the portfolio and deep scenarios: positions, orders and ledger entries. */
export const SEEDED = { positions: 10, orders: 50, ledgerEntries: 50 };

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key as string] : undefined), value);
const length = (value: unknown) => (Array.isArray(value) ? value.length : -1);

/** What is wrong with a scenario's answer (empty when it is the answer expected). */
export function problemsWith(scenario: string, data: unknown): string[] {
  const problems: string[] = [];
  const expect = (what: string, ok: boolean) => ok || problems.push(what);
  if (scenario === 'catalog') {
    expect('50 assets', length(at(data, 'assets', 'edges')) === 50);
    expect('asset fields', typeof at(data, 'assets', 'edges', 0, 'node', 'description') === 'string');
  } else if (scenario === 'portfolio') {
    expect(`${SEEDED.positions} positions`, length(at(data, 'me', 'portfolio', 'positions')) === SEEDED.positions);
    expect(`${SEEDED.orders} orders`, length(at(data, 'me', 'orders', 'edges')) === SEEDED.orders);
    expect(`${SEEDED.ledgerEntries} ledger entries`, length(at(data, 'me', 'transactions', 'edges')) === SEEDED.ledgerEntries);
    expect('asset names (inventory)', typeof at(data, 'me', 'portfolio', 'positions', 0, 'asset', 'name') === 'string');
  } else if (scenario === 'deep') {
    const order = at(data, 'me', 'orders', 'edges', 0, 'node');
    expect('10 orders', length(at(data, 'me', 'orders', 'edges')) === 10);
    expect('order.asset (inventory)', typeof at(order, 'asset', 'description') === 'string');
    expect('order.user.balance (users)', typeof at(order, 'user', 'balance') === 'string');
    expect(`portfolio positions (orders)`, length(at(order, 'user', 'portfolio', 'positions')) === SEEDED.positions);
    expect('positions asset (inventory)', typeof at(order, 'user', 'portfolio', 'positions', 0, 'asset', 'name') === 'string');
    expect('inner orders user (users)', typeof at(order, 'user', 'orders', 'edges', 4, 'node', 'user', 'balance') === 'string');
  } else if (scenario === 'orders') {
    expect('a fill', at(data, 'placeOrder', 'status') === 'FILLED');
  }
  return problems;
}
