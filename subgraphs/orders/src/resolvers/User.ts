import { pageRequest, readConnection, requireSelfOrAdmin } from '@trading/platform';
import { readCashAccount } from '@trading/ledger';
import { listHoldings } from '../data/holdings';
import { orderSource } from '../data/orders';
import type { Quote } from '../data/prices';
import { parseOrderFilter } from '../domain/order-filter';
import { valuePortfolio } from '../domain/valuation';
import type { UserResolvers } from '../generated/resolvers';

const isOrderId = (value: unknown): value is string => typeof value === 'string' && /^[0-9A-Z]{26}$/.test(value);

export const User: UserResolvers = {
  // Trading data is private: only the user or an admin reaches it, whatever id the representation names.
  __resolveReference: (reference, { identity }) => {
    requireSelfOrAdmin(identity, reference.id, 'the trading data');
    return reference;
  },
  orders: async ({ id }, { first, after, last, before, status, filter }, { db, orderIndexes, readOnce, cursors }, info) => {
    const { query, scope } = parseOrderFilter(filter, status);
    // A cursor names its filter: one of the same list with another filter is refused.
    const request = pageRequest({ first, after, last, before }, (cursor, field) => cursors.decodeScoped(cursor, scope, isOrderId, field));
    const source = orderSource(db, orderIndexes, id, query, (key, load) => readOnce(info, key, load));
    return readConnection(request, source, (order) => cursors.encodeScoped(order.id, scope));
  },
  holdings: ({ id }, _args, { db, readOnce }, info) => readOnce(info, `holdings:${id}`, () => listHoldings(db, id)),
  portfolio: async (user, _args, { db, quotes, readOnce }, info) => {
    const [holdings, account] = await Promise.all([
      readOnce(info, `holdings:${user.id}`, () => listHoldings(db, user.id)),
      readOnce(info, `account:${user.id}`, () => readCashAccount(db, user.id)),
    ]);
    const found = await quotes.loadMany(holdings.map((holding) => holding.symbol));
    // Prices that could not be read fail the valuation (SERVICE_UNAVAILABLE); only an asset that is gone counts as 0.
    const failed = found.find((quote) => quote instanceof Error);
    if (failed) throw failed;
    const bySymbol = new Map(holdings.map((holding, i) => [holding.symbol, (found[i] as Quote | null | undefined) ?? null] as const));
    // `balance` arrives in the representation, fetched from the users subgraph by the router (@requires); the
    // reserved and available cash come from one read of the account, so they always agree with each other.
    return { ...valuePortfolio(user.balance ?? '0', holdings, bySymbol, account ?? undefined), userId: user.id };
  },
};
