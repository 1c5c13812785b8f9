import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { Decimal } from 'decimal.js';
import { graphql, GraphQLError, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, parseValue as parseGraphQLValue } from 'graphql';
import { Dec } from '../src/money';
import { DateTimeScalar, DecimalScalar } from '../src/scalars';
import { thrownBy } from './support';

/** The GraphQLError fn throws. */
const refusal = (fn: () => unknown): GraphQLError => thrownBy(GraphQLError, fn);

describe('DecimalScalar.serialize', () => {
  it('writes Dec values in plain notation', () => {
    expect(DecimalScalar.serialize(new Dec('12.34'))).toBe('12.34');
    expect(DecimalScalar.serialize(new Dec('1e30'))).toBe('1000000000000000000000000000000');
    expect(DecimalScalar.serialize(new Dec('1e-12'))).toBe('0.000000000001');
  });

  it('writes values of the plain decimal.js class too, without an exponent', () => {
    // The default decimal.js class switches to exponent notation from 1e21 in toString; the wire form must not.
    expect(DecimalScalar.serialize(new Decimal('1e25'))).toBe('10000000000000000000000000');
  });

  it('passes strings through unchanged', () => {
    expect(DecimalScalar.serialize('12.3400')).toBe('12.3400');
  });

  it('reads DynamoDB NumberValue-like objects by their string value', () => {
    expect(DecimalScalar.serialize(NumberValue.from('123456789012345678901234567890.12345678'))).toBe('123456789012345678901234567890.12345678');
    expect(DecimalScalar.serialize({ value: '5.00' })).toBe('5.00');
  });

  it('writes bigints exactly', () => {
    expect(DecimalScalar.serialize(10n ** 30n)).toBe('1000000000000000000000000000000');
  });

  it.each([
    ['a float', 0.1],
    ['an integer number', 5],
    ['a boolean', true],
    ['null', null],
    ['undefined', undefined],
    ['an object without a string value', { value: 5 }],
    ['a plain object', {}],
  ])('refuses %s rather than guess its digits', (_what, value) => {
    expect(() => DecimalScalar.serialize(value)).toThrow(GraphQLError);
  });
});

describe('DecimalScalar.parseValue', () => {
  it('hands the string the client sent to the resolver unchanged', () => {
    expect(DecimalScalar.parseValue('12.3400')).toBe('12.3400');
    expect(DecimalScalar.parseValue('0.00000001')).toBe('0.00000001');
  });

  it.each([
    ['a float', 12.34],
    ['an integer number', 12],
    ['a boolean', true],
    ['an object', { value: '1' }],
  ])('refuses %s with BAD_USER_INPUT', (_what, value) => {
    const error = refusal(() => DecimalScalar.parseValue(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('DecimalScalar.parseLiteral', () => {
  it.each([
    ['12.3400', '12.3400'],
    ['"12.3400"', '12.3400'],
    ['"0.10"', '0.10'],
    ['42', '42'],
    // Beyond any float's precision: the source text keeps every digit.
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['0.1000000000000000055511151231257827', '0.1000000000000000055511151231257827'],
    ['1e3', '1e3'],
  ])('returns the exact source text of the literal %s', (source, expected) => {
    expect(DecimalScalar.parseLiteral(parseGraphQLValue(source), undefined)).toBe(expected);
  });

  it.each(['true', 'null', 'SOME_ENUM', '[1]', '{ value: "1" }'])('refuses the literal %s with BAD_USER_INPUT', (source) => {
    const error = refusal(() => DecimalScalar.parseLiteral(parseGraphQLValue(source), undefined));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('DateTimeScalar', () => {
  const instant = new Date(Date.UTC(2026, 10, 25, 15, 10, 49, 123));

  it('serializes a Date as ISO 8601 in UTC', () => {
    expect(DateTimeScalar.serialize(instant)).toBe('2026-11-25T15:10:49.123Z');
  });

  it('serializes ISO strings in any offset as the same instant in UTC', () => {
    expect(DateTimeScalar.serialize('2026-11-25T15:10:49.123Z')).toBe('2026-11-25T15:10:49.123Z');
    expect(DateTimeScalar.serialize('2026-11-25T16:10:49.123+01:00')).toBe('2026-11-25T15:10:49.123Z');
    expect(DateTimeScalar.serialize('2026-11-25T10:10:49.123-05:00')).toBe('2026-11-25T15:10:49.123Z');
  });

  it.each([
    ['a garbage string', 'not a date'],
    ['an empty string', ''],
    ['a number', 1764083449123],
    ['null', null],
    ['an object', {}],
    ['an invalid Date', new Date('x')],
  ])('refuses to serialize %s', (_what, value) => {
    expect(() => DateTimeScalar.serialize(value)).toThrow(GraphQLError);
  });

  it('parses an ISO string variable into a Date at that instant', () => {
    const parsed = DateTimeScalar.parseValue('2026-11-25T16:10:49.123+01:00');
    expect(parsed).toBeInstanceOf(Date);
    expect(parsed.getTime()).toBe(instant.getTime());
  });

  it.each([
    ['garbage', 'not a date'],
    ['an empty string', ''],
    ['a number', 1764083449123],
    ['a boolean', true],
    ['a bare number string', '1'],
    ['a month name', 'March 7'],
    ['a US date', '12/25/2024'],
    ['a date without a time', '2026-11-25'],
    ['a local time without a zone', '2026-11-25T10:00:00'],
    ['an impossible date', '2026-02-31T10:00:00Z'],
  ])('refuses %s as a variable with BAD_USER_INPUT', (_what, value) => {
    const error = refusal(() => DateTimeScalar.parseValue(value));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('parses an ISO string literal into a Date at that instant', () => {
    const parsed = DateTimeScalar.parseLiteral(parseGraphQLValue('"2026-11-25T15:10:49.123Z"'), undefined);
    expect(parsed).toBeInstanceOf(Date);
    expect(parsed.getTime()).toBe(instant.getTime());
  });

  it.each(['"not a date"', '1764083449123', '12.5', 'true', 'null'])('refuses the literal %s with BAD_USER_INPUT', (source) => {
    const error = refusal(() => DateTimeScalar.parseLiteral(parseGraphQLValue(source), undefined));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the scalars in a schema', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: new GraphQLNonNull(DecimalScalar),
          args: { value: { type: new GraphQLNonNull(DecimalScalar) } },
          resolve: (_root, args: { value: string }) => args.value,
        },
        later: {
          type: new GraphQLNonNull(DateTimeScalar),
          args: { at: { type: new GraphQLNonNull(DateTimeScalar) } },
          resolve: (_root, args: { at: Date }) => new Date(args.at.getTime() + 60_000),
        },
      },
    }),
  });
  it('keeps a float literal digit for digit', async () => {
    const result = await graphql({ schema, source: '{ echo(value: 12.3400) }' });
    expect(result).toEqual({ data: { echo: '12.3400' } });
  });

  it('accepts a string variable and refuses a number variable with BAD_USER_INPUT', async () => {
    const source = 'query ($v: Decimal!) { echo(value: $v) }';
    expect(await graphql({ schema, source, variableValues: { v: '0.10' } })).toEqual({ data: { echo: '0.10' } });

    const refused = await graphql({ schema, source, variableValues: { v: 0.1 } });
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a boolean literal with BAD_USER_INPUT', async () => {
    const result = await graphql({ schema, source: '{ echo(value: true) }' });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('round-trips a DateTime variable as UTC', async () => {
    const result = await graphql({
      schema,
      source: 'query ($at: DateTime!) { later(at: $at) }',
      variableValues: { at: '2026-11-25T16:10:49.123+01:00' },
    });
    expect(result).toEqual({ data: { later: '2026-11-25T15:11:49.123Z' } });
  });
});
