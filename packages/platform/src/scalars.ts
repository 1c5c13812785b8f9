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

// Date and time with seconds optional, fractions up to nanoseconds, and a zone (Z or an offset): never local time.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True when the calendar date exists (Date would roll 2026-02-31 over to March). */
function isRealDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12;
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_8601.test(value) && isRealDate(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw badInput('DateTime must be an ISO 8601 date and time with a zone, e.g. "2026-11-25T15:10:49Z"');
  return date;
}

/** `DateTime`: an instant as an ISO 8601 string in UTC, e.g. "2026-11-25T15:10:49.123Z". */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in ISO 8601 format, in UTC, e.g. "2026-11-25T15:10:49.123Z".',
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? parseDateTime(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent this value');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    return parseDateTime(ast.kind === Kind.STRING ? ast.value : null);
  },
});
