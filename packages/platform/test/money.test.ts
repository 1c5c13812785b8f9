import { GraphQLError } from 'graphql';
import { Dec, formatDecimal, parsePositiveDecimal, ROUND_DOWN, ROUND_UP, roundCash, type DecimalRule } from '../src/money';
import { thrownBy } from './support';

/** The GraphQLError fn throws. */
const refusal = (fn: () => unknown): GraphQLError => thrownBy(GraphQLError, fn);

const amount: DecimalRule = { field: 'amount', scale: 2, max: new Dec('10000000') };

describe('parsePositiveDecimal', () => {
  it.each([
    ['1', '1'],
    ['0.01', '0.01'],
    ['10000000', '10000000'],
    ['9999999.99', '9999999.99'],
    // Trailing zeros are not decimal places: "1.50" is 1.5, which fits a scale of 2.
    ['1.50', '1.5'],
    ['1.5000000', '1.5'],
    ['007', '7'],
  ])('accepts %j as %s', (raw, expected) => {
    const value = parsePositiveDecimal(raw, amount);
    expect(value).toBeInstanceOf(Dec);
    expect(value.toFixed()).toBe(expected);
  });

  it.each([
    ['a number', 5],
    ['a float', 1.5],
    ['null', null],
    ['undefined', undefined],
    ['an object', {}],
    ['an array', ['1']],
    ['a boolean', true],
    ['a bigint', 1n],
  ])('refuses %s (only strings are decimals)', (_what, raw) => {
    const error = refusal(() => parsePositiveDecimal(raw, amount));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('amount');
    expect(error.message).toMatch(/^amount /);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    ' ',
    '+1',
    '1e3',
    '1E3',
    '1e-3',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '0b1',
    '1.',
    '.5',
    '1,5',
    '1_000',
    '1.2.3',
    '١٢', // Arabic-Indic digits
    '１２', // full-width digits
    '1\n',
    'abc',
  ])('refuses the malformed string %j with BAD_USER_INPUT naming the field', (raw) => {
    const error = refusal(() => parsePositiveDecimal(raw, amount));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('amount');
  });

  it.each(['-1', '-0.01', '-10000000'])('refuses the negative %j saying it must be greater than zero', (raw) => {
    const error = refusal(() => parsePositiveDecimal(raw, amount));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('amount');
    expect(error.message).toMatch(/greater than zero/);
  });

  it.each(['0', '0.000', '00', '0.00'])('refuses zero written as %j unless allowZero', (raw) => {
    const error = refusal(() => parsePositiveDecimal(raw, amount));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('amount');
    expect(error.message).toMatch(/greater than zero/);
  });

  it.each(['0', '0.00', '0.000'])('accepts zero written as %j with allowZero', (raw) => {
    expect(parsePositiveDecimal(raw, { ...amount, allowZero: true }).isZero()).toBe(true);
  });

  it('still refuses negatives and garbage with allowZero', () => {
    const minPrice: DecimalRule = { ...amount, field: 'minPrice', allowZero: true };
    for (const raw of ['-1', '-0.5', 'abc', '']) {
      const error = refusal(() => parsePositiveDecimal(raw, minPrice));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.field).toBe('minPrice');
    }
  });

  it.each(['0.001', '1.005', '0.019'])('refuses %j with more places than the scale of 2, naming the scale', (raw) => {
    const error = refusal(() => parsePositiveDecimal(raw, amount));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('amount');
    expect(error.message).toMatch(/2 decimal places/);
  });

  it('uses the scale of the rule it is given', () => {
    const quantity: DecimalRule = { field: 'quantity', scale: 8, max: new Dec('1000000') };
    expect(parsePositiveDecimal('0.00000001', quantity).toFixed()).toBe('0.00000001');
    const error = refusal(() => parsePositiveDecimal('0.000000001', quantity));
    expect(error.extensions.field).toBe('quantity');
    expect(error.message).toMatch(/8 decimal places/);
  });

  it.each(['10000000.01', '10000001', '99999999999'])('refuses %j above the maximum, naming the maximum', (raw) => {
    const error = refusal(() => parsePositiveDecimal(raw, amount));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.field).toBe('amount');
    expect(error.message).toContain('10000000');
  });

  it('refuses strings longer than 40 characters before parsing them, but not 40', () => {
    const roomy: DecimalRule = { field: 'price', scale: 60, max: new Dec('1e50') };
    const forty = `0.${'0'.repeat(37)}1`;
    expect(forty).toHaveLength(40);
    expect(parsePositiveDecimal(forty, roomy).toFixed()).toBe(forty);

    for (const raw of [`0.${'0'.repeat(38)}1`, '1'.repeat(41), '1'.repeat(1000), ' '.repeat(41)]) {
      const error = refusal(() => parsePositiveDecimal(raw, roomy));
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.field).toBe('price');
    }
  });

  it('keeps every digit of a long decimal exactly', () => {
    const roomy: DecimalRule = { field: 'price', scale: 20, max: new Dec('1e30') };
    const raw = '123456789012345678.12345678901234567891';
    expect(parsePositiveDecimal(raw, roomy).toFixed()).toBe(raw);
  });
});

describe('formatDecimal', () => {
  it.each([
    ['1e-12', '0.000000000001'],
    ['1.234e-20', '0.00000000000000000001234'],
    ['1e30', '1000000000000000000000000000000'],
    ['-1e25', '-10000000000000000000000000'],
    ['10000', '10000'],
    ['0.00001234', '0.00001234'],
  ])('writes %s without exponent notation as %s', (input, expected) => {
    expect(formatDecimal(new Dec(input))).toBe(expected);
  });

  it('drops trailing zeros', () => {
    expect(formatDecimal(new Dec('1.500'))).toBe('1.5');
    expect(formatDecimal(new Dec('100.000'))).toBe('100');
  });

  it('never uses an exponent for results of arithmetic either', () => {
    const tiny = new Dec(1).div(new Dec('1e15'));
    const huge = new Dec('123456789').times(new Dec('1e25'));
    expect(formatDecimal(tiny)).toBe('0.000000000000001');
    expect(formatDecimal(huge)).toBe('1234567890000000000000000000000000');
    expect(formatDecimal(tiny)).not.toMatch(/e/i);
  });
});

describe('roundCash', () => {
  it.each([
    // [input, half-up (default), ROUND_UP (away from zero), ROUND_DOWN (towards zero)]
    ['0.005', '0.01', '0.01', '0'],
    ['0.0049', '0', '0.01', '0'],
    ['1.234', '1.23', '1.24', '1.23'],
    ['1.235', '1.24', '1.24', '1.23'],
    ['1.2', '1.2', '1.2', '1.2'],
    ['2.999', '3', '3', '2.99'],
    ['-0.005', '-0.01', '-0.01', '0'],
  ])('rounds %s to %s (half up), %s (up), %s (down)', (input, halfUp, up, down) => {
    const value = new Dec(input);
    expect(roundCash(value).toFixed()).toBe(halfUp);
    expect(roundCash(value, ROUND_UP).toFixed()).toBe(up);
    expect(roundCash(value, ROUND_DOWN).toFixed()).toBe(down);
  });

  it('never leaves more than two decimal places', () => {
    for (const input of ['0.123456789', '99999999.999999', '0.0000001']) {
      for (const rounding of [undefined, ROUND_UP, ROUND_DOWN]) {
        expect(roundCash(new Dec(input), rounding).decimalPlaces()).toBeLessThanOrEqual(2);
      }
    }
  });
});

describe('Dec arithmetic', () => {
  it('adds 0.1 and 0.2 to exactly 0.3, unlike floats', () => {
    const sum = new Dec('0.1').plus(new Dec('0.2'));
    expect(sum.eq(new Dec('0.3'))).toBe(true);
    expect(sum.toFixed()).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('multiplies a quantity by a price without losing digits', () => {
    // One satoshi-sized quantity times a price shifts the digits by 8 places and keeps all 17 of them.
    expect(new Dec('0.00000001').times(new Dec('123456789.12345678')).toFixed()).toBe('1.2345678912345678');
    // Checked independently with Python's decimal module at 60 digits of precision.
    expect(new Dec('0.12345678').times(new Dec('98765.43210987')).toFixed()).toBe('12193.2622235931564186');
  });

  it('is exact for many small additions', () => {
    let total = new Dec(0);
    for (let i = 0; i < 1000; i += 1) total = total.plus('0.01');
    expect(total.toFixed()).toBe('10');
  });
});
