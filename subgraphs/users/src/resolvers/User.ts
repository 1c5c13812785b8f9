import { ErrorCode, isAuditPosition, pageRequest, readConnection, requireIdentity, requireSelfOrAdmin, userError } from '@trading/platform';
import { ledgerSource } from '../data/ledger';
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
  // Only the user themselves: an admin manages no one's keys.
  apiKeys: async (user, _args, { identity, apiKeys }) => {
    if (identity?.userId !== user.id) throw userError(ErrorCode.FORBIDDEN, "You may not read another user's API keys");
    return apiKeys.listByUser(user.id);
  },
  securityEvents: (user, { first, after, last, before }, { audit, cursors }) => {
    const request = pageRequest({ first, after, last, before }, (cursor, field) => cursors.decode(cursor, isAuditPosition, field));
    return auditConnection(request, cursors, (limit, range) => audit.forSubject(user.id, limit, range));
  },
  transactions: async (user, { first, after, last, before, filter }, { db, ledgerIndexes, cursors }) => {
    const { query, scope } = parseLedgerFilter(filter);
    // A cursor names its filter: one of the same list with another filter is refused.
    const request = pageRequest({ first, after, last, before }, (cursor, field) => cursors.decodeScoped(cursor, scope, isSeq, field));
    const source = ledgerSource(db, ledgerIndexes.byType, user.id, query);
    const [connection, totalCount] = await Promise.all([
      readConnection(request, source, (entry) => cursors.encodeScoped(entry.seq, scope)),
      source.count(user.ledgerSeq),
    ]);
    return { ...connection, totalCount };
  },
};
