import { DecimalScalar } from '@trading/platform';
import type { Resolvers } from '../generated/resolvers';
import { Asset } from './Asset';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Decimal: DecimalScalar,
  Query,
  Mutation,
  Asset,
};
