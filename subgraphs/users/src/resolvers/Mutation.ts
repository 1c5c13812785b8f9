import { requireIdentity } from '@trading/platform';
import * as auth from '../domain/auth';
import * as cash from '../domain/cash';
import type { MutationResolvers } from '../generated/resolvers';
import { loadSignedInUser } from './User';

export const Mutation: MutationResolvers = {
  register: (_parent, { input }, ctx) => auth.register(ctx, input),
  login: (_parent, { input }, ctx) => auth.login(ctx, input),
  updateProfile: async (_parent, { input }, ctx) => auth.updateProfile(ctx.users, await loadSignedInUser(ctx, 'updateProfile'), input),
  changePassword: async (_parent, { input }, ctx) => {
    await auth.changePassword(ctx, await loadSignedInUser(ctx, 'changePassword'), input);
    return true;
  },
  deposit: (_parent, { amount, idempotencyKey }, { identity, db, coordination }) =>
    cash.deposit(db, coordination, requireIdentity(identity, 'deposit').userId, amount, idempotencyKey),
  withdraw: (_parent, { amount, idempotencyKey }, { identity, db, coordination }) =>
    cash.withdraw(db, coordination, requireIdentity(identity, 'withdraw').userId, amount, idempotencyKey),
};
