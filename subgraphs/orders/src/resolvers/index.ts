import { DateTimeScalar, DecimalScalar } from '@trading/platform';
import type { Resolvers } from '../generated/resolvers';
import { Asset } from './Asset';
import { Holding } from './Holding';
import { Mutation } from './Mutation';
import { Order } from './Order';
import { Portfolio } from './Portfolio';
import { Query } from './Query';
import { Subscription } from './Subscription';
import { User } from './User';

export const resolvers: Resolvers = {
  Decimal: DecimalScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Subscription,
  Order,
  User,
  Holding,
  Asset,
  Portfolio,
  ReconciliationMismatch: { user: (mismatch) => ({ id: mismatch.userId }) },
};
