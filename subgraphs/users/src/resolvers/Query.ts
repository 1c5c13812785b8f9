import { ErrorCode, isAuditPosition, pageSize, parseId, toConnection, userError } from '@trading/platform';
import type { QueryResolvers } from '../generated/resolvers';
import { auditConnection } from './AuditEvent';

const isUserId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const MAX_SEARCH_LENGTH = 100;

export const Query: QueryResolvers = {
  me: (_parent, _args, { identity, users }) => (identity ? users.get(identity.userId) : null),
  // users and user are admin-only by their @requiresScopes.
  user: (_parent, { id }, { users }) => users.get(parseId(id, 'id')),
  auditEvents: async (_parent, { filter, first, after }, { audit, cursors }) => {
    const size = pageSize(first);
    if (filter?.from && filter.to && filter.from > filter.to) {
      throw userError(ErrorCode.BAD_USER_INPUT, 'filter.from must not be after filter.to', { field: 'filter.from' });
    }
    const page = await audit.search(
      {
        actorId: filter?.actor == null ? null : parseId(filter.actor, 'filter.actor'),
        action: filter?.action ?? null,
        from: filter?.from ?? null,
        to: filter?.to ?? null,
      },
      size,
      cursors.decode(after, isAuditPosition),
    );
    return auditConnection(page, cursors);
  },
  users: async (_parent, { filter, first, after }, { users, cursors }) => {
    const size = pageSize(first);
    const search = filter?.search?.trim().toLowerCase();
    if (search && search.length > MAX_SEARCH_LENGTH) {
      throw userError(ErrorCode.BAD_USER_INPUT, `filter.search must be at most ${MAX_SEARCH_LENGTH} characters`, { field: 'filter.search' });
    }
    const page = await users.list(size + 1, cursors.decode(after, isUserId), (user) => {
      if (filter?.role && user.role !== filter.role) return false;
      return !search || user.username.toLowerCase().includes(search) || user.email.toLowerCase().includes(search);
    });
    return toConnection(page, size, (user) => cursors.encode(user.id));
  },
};
