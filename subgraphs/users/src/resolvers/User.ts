import { ErrorCode, isAuditPosition, pageSize, requireIdentity, requireSelfOrAdmin, toConnection, userError } from '@trading/platform';
import { listLedgerEntries } from '../data/ledger';
import type { UserRecord } from '../data/users';
import { parseLedgerFilter } from '../domain/ledger-filter';
import type { SubgraphContext } from '../context';
import type { UserResolvers } from '../generated/resolvers';
import { auditConnection } from './AuditEvent';

/** The signed-in caller's own record; UNAUTHENTICATED when anonymous. */
export async function loadSignedInUser(ctx: SubgraphContext, what: string): Promise<UserRecord> {
  const { userId } = requireIdentity(ctx.identity, what);
  const user = await ctx.users.get(userId);
  if (!user) throw userError(ErrorCode.UNAUTHENTICATED, 'This account no longer exists: sign in again');
  return user;
}

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

export const User: UserResolvers = {
  // Other subgraphs reach users by id (an order's user, a portfolio's cash): only the user or an admin may.
  __resolveReference: async ({ id }, ctx) => {
    requireSelfOrAdmin(ctx.identity, id, 'the account');
    return ctx.userById.load(id);
  },
  balance: (user) => user.balance,
  securityEvents: async (user, { first, after }, { audit, cursors }) =>
    auditConnection(await audit.forSubject(user.id, pageSize(first), cursors.decode(after, isAuditPosition)), cursors),
  transactions: async (user, { first, after, filter }, { db, ledgerIndexes, cursors }) => {
    const size = pageSize(first);
    const { query, scope } = parseLedgerFilter(filter);
    // A cursor names its filter: one of the same list with another filter is refused.
    const afterSeq = cursors.decodeScoped(after, scope, isSeq);
    const entries = await listLedgerEntries(db, ledgerIndexes.byType, user.id, query, size + 1, afterSeq);
    return toConnection(entries, size, (entry) => cursors.encodeScoped(entry.seq, scope));
  },
};
