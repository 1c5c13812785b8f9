import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  me: (_parent, _args, { identity, users }) => (identity ? users.get(identity.userId) : null),
};
