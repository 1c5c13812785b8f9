import { requireIdentity } from '@trading/platform';
import * as apiKeys from '../domain/api-keys';
import * as auth from '../domain/auth';
import * as cash from '../domain/cash';
import * as signIn from '../domain/sign-in';
import type { MutationResolvers } from '../generated/resolvers';
import { loadSignedInUser } from './User';

export const Mutation: MutationResolvers = {
  register: (_parent, { input }, ctx) => signIn.register(ctx, input),
  login: (_parent, { input }, ctx) => signIn.login(ctx, input),
  refreshToken: (_parent, { refreshToken }, ctx) => signIn.refresh(ctx, refreshToken),
  logout: async (_parent, _args, ctx) => {
    await signIn.logout(ctx, requireIdentity(ctx.identity, 'logout'));
    return true;
  },
  logoutEverywhere: (_parent, _args, ctx) => signIn.logoutEverywhere(ctx, requireIdentity(ctx.identity, 'logoutEverywhere')),
  updateProfile: async (_parent, { input }, ctx) => auth.updateProfile(ctx.users, await loadSignedInUser(ctx, 'updateProfile'), input),
  changePassword: async (_parent, { input }, ctx) => {
    await signIn.changePassword(ctx, requireIdentity(ctx.identity, 'changePassword'), await loadSignedInUser(ctx, 'changePassword'), input);
    return true;
  },
  deposit: (_parent, { amount, idempotencyKey }, { identity, db, coordination }) =>
    cash.deposit(db, coordination, requireIdentity(identity, 'deposit').userId, amount, idempotencyKey),
  withdraw: (_parent, { amount, idempotencyKey }, { identity, db, coordination }) =>
    cash.withdraw(db, coordination, requireIdentity(identity, 'withdraw').userId, amount, idempotencyKey),
  createApiKey: (_parent, { input }, ctx) => apiKeys.createApiKey(ctx, requireIdentity(ctx.identity, 'createApiKey'), input),
  revokeApiKey: (_parent, { id }, ctx) => apiKeys.revokeApiKey(ctx, requireIdentity(ctx.identity, 'revokeApiKey'), id),
};
