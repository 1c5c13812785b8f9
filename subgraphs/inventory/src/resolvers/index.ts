import { DateTimeScalar, DecimalScalar } from '@trading/platform';
import type { Resolvers } from '../generated/resolvers';
import { Asset } from './Asset';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Subscription } from './Subscription';

export const resolvers: Resolvers = {
  Decimal: DecimalScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  Asset,
};
