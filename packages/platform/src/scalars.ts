import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Decimal } from 'decimal.js';
import { ErrorCode } from './errors';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/**
 * `Decimal`: an exact decimal that travels as a string. Input is handed to resolvers as the string the client
 * sent (or the source text of a numeric literal, which is exact); each field validates range and scale itself,
 * so a bad value is a BAD_USER_INPUT naming the field, the same whether it came as a variable or a literal.
 * JSON numbers are refused: a float has already lost the digits.
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number sent and returned as a string, e.g. "1234.5678". Never a float.',
  serialize(value) {
    if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
    if (typeof value === 'string') return value;
    if (value !== null && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
    if (typeof value === 'bigint') return value.toString();
    throw new GraphQLError(`Decimal cannot represent ${typeof value}`);
  },
  parseValue(value) {
    if (typeof value !== 'string') throw badInput('Decimal values must be sent as strings, e.g. "12.34", so no digit is lost');
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
    throw badInput('Decimal values must be strings, e.g. "12.34"');
  },
});

/** `DateTime`: an instant as an ISO 8601 string in UTC, e.g. "2026-11-25T15:10:49.123Z". */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in ISO 8601 format, in UTC, e.g. "2026-11-25T15:10:49.123Z".',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(value) {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw badInput('DateTime must be an ISO 8601 string');
    return new Date(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw badInput('DateTime must be an ISO 8601 string');
    return new Date(ast.value);
  },
});
