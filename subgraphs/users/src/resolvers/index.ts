import { DateTimeScalar, DecimalScalar } from '@trading/platform';
import type { Resolvers } from '../generated/resolvers';
import { AuditEvent } from './AuditEvent';
import { LedgerEntry } from './LedgerEntry';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { User } from './User';

export const resolvers: Resolvers = {
  Decimal: DecimalScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  User,
  AuditEvent,
  LedgerEntry,
};
