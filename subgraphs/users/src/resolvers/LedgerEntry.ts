import type { LedgerEntryResolvers } from '../generated/resolvers';

export const LedgerEntry: LedgerEntryResolvers = {
  // A reference the orders subgraph resolves (for the order's owner or an admin); deposits and withdrawals have none.
  order: (entry) => (entry.orderId ? { id: entry.orderId } : null),
};
