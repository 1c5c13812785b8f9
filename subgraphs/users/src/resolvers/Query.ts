import { ErrorCode, isAuditPosition, pageRequest, parseId, readConnection, userError } from '@trading/platform';
import type { UserRecord } from '../data/users';
import type { QueryResolvers } from '../generated/resolvers';
import { auditConnection } from './AuditEvent';

const isUserId = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 64;
const MAX_SEARCH_LENGTH = 100;

export const Query: QueryResolvers = {
  me: (_parent, _args, { identity, users }) => (identity ? users.get(identity.userId) : null),
  // users and user are admin-only by their @requiresScopes.
  user: (_parent, { id }, { users }) => users.get(parseId(id, 'id')),
  auditEvents: async (_parent, { filter, first, after, last, before }, { audit, cursors }) => {
    const request = pageRequest({ first, after, last, before }, (cursor, field) => cursors.decode(cursor, isAuditPosition, field));
    if (filter?.from && filter.to && filter.from > filter.to) {
      throw userError(ErrorCode.BAD_USER_INPUT, 'filter.from must not be after filter.to', { field: 'filter.from' });
    }
    const search = {
      actorId: filter?.actor == null ? null : parseId(filter.actor, 'filter.actor'),
      action: filter?.action ?? null,
      from: filter?.from ?? null,
      to: filter?.to ?? null,
    };
    return auditConnection(request, cursors, (limit, range) => audit.search(search, limit, range));
  },
  // A table scan: a page before a cursor is read from the start of the table (see UserStore.source).
  users: async (_parent, { filter, first, after, last, before }, { users, cursors }) => {
    const request = pageRequest({ first, after, last, before }, (cursor, field) => cursors.decode(cursor, isUserId, field));
    const search = filter?.search?.trim().toLowerCase();
    if (search && search.length > MAX_SEARCH_LENGTH) {
      throw userError(ErrorCode.BAD_USER_INPUT, `filter.search must be at most ${MAX_SEARCH_LENGTH} characters`, { field: 'filter.search' });
    }
    const keep = (user: UserRecord) =>
      (!filter?.role || user.role === filter.role) &&
      (!search || user.username.toLowerCase().includes(search) || user.email.toLowerCase().includes(search));
    return readConnection(request, users.source(keep), (user) => cursors.encode(user.id));
  },
};
