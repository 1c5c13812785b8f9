import { parseAmount, sum } from './decimal';
import {
  formatCompactUsd,
  formatExactPrice,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatSignedPrice,
  formatSignedUsd,
  formatUsd,
  tone,
} from './format';
import { valueAtLivePrice, valuePortfolio } from './valuation';

describe('money arithmetic is exact', () => {
  it('adds 0.1 and 0.2 to exactly 0.3, where floats give 0.30000000000000004', () => {
    expect(sum(['0.1', '0.2']).toString()).toBe('0.3');
    expect(formatUsd(sum(['0.1', '0.2']))).toBe('$0.30');
  });

  it('keeps every digit of large values', () => {
    expect(formatUsd('1899526681500.01')).toBe('$1,899,526,681,500.01');
    expect(formatUsd(sum(['9007199254740993.01', '0.01']))).toBe('$9,007,199,254,740,993.02');
  });

  it('reads typed amounts exactly and refuses what is not a plain number', () => {
    expect(parseAmount(' 1,000.50 ')?.toString()).toBe('1000.5');
    expect(parseAmount('1e3')).toBeNull();
    expect(parseAmount('-1')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
  });
});

describe('formatting money for people', () => {
  it('shows a price change with its sign, as precise as the price', () => {
    expect(formatSignedPrice('1234.5', '95214.37')).toBe('+$1,234.50');
    expect(formatSignedPrice('-0.00123', '0.5')).toBe('-$0.0012');
    expect(formatSignedPrice('0', '0.00001')).toBe('$0.00000000');
  });

  it('shows USD to the cent with separators, rounding half up', () => {
    expect(formatUsd('1234.5')).toBe('$1,234.50');
    expect(formatUsd('0.005')).toBe('$0.01');
    expect(formatUsd('0')).toBe('$0.00');
  });

  it('shows negative P&L with a minus sign and its loss tone, positive with a plus', () => {
    expect(formatSignedUsd('-4')).toBe('-$4.00');
    expect(formatSignedUsd('-1234567.891')).toBe('-$1,234,567.89');
    expect(formatSignedUsd('12.3')).toBe('+$12.30');
    expect(tone('-0.01')).toBe('loss');
    expect(tone('0.01')).toBe('gain');
  });

  it('never shows a loss of zero as "-$0.00"', () => {
    expect(formatSignedUsd('-0.001')).toBe('$0.00');
    expect(formatUsd('-0.004')).toBe('$0.00');
    expect(tone('0')).toBe('flat');
  });

  it('shows prices to a precision that suits them', () => {
    expect(formatPrice('95214.37')).toBe('$95,214.37');
    expect(formatPrice('0.51234567')).toBe('$0.5123');
    expect(formatPrice('0.00001234')).toBe('$0.00001234');
  });

  it('shows an admin the exact price that is stored', () => {
    expect(formatExactPrice('1.2345')).toBe('$1.2345');
    expect(formatExactPrice('95214.37000001')).toBe('$95,214.37000001');
    expect(formatExactPrice('2')).toBe('$2.00');
  });

  it('shows quantities up to 8 decimals without trailing zeros', () => {
    expect(formatQuantity('0.25000000')).toBe('0.25');
    expect(formatQuantity('1500')).toBe('1,500');
    expect(formatQuantity('0.00000001')).toBe('0.00000001');
  });

  it('shows percentages and large amounts briefly', () => {
    expect(formatPercent('-2.15')).toBe('-2.15%');
    expect(formatPercent('1.4')).toBe('+1.40%');
    expect(formatCompactUsd('1899526681500')).toBe('$1.90T');
    expect(formatCompactUsd('380030000000')).toBe('$380.03B');
    expect(formatCompactUsd('12345')).toBe('$12,345.00');
  });
});

describe('valuing positions at live prices', () => {
  const position = { quantity: '0.5', marketValue: '50000.00', unrealizedPnl: '5000.00', asset: { price: '90000' } };

  it('values at the current price and keeps the cost the API reported', () => {
    const live = valueAtLivePrice(position);
    expect(live.costBasis.toString()).toBe('45000');
    expect(formatUsd(live.marketValue)).toBe('$45,000.00');
    expect(formatSignedUsd(live.unrealizedPnl)).toBe('$0.00');
  });

  it('shows a loss when the price falls below the average cost', () => {
    const live = valueAtLivePrice({ ...position, asset: { price: '80000.01' } });
    expect(formatSignedUsd(live.unrealizedPnl)).toBe('-$4,999.99');
    expect(formatPercent(live.unrealizedPnlPercent ?? '0')).toBe('-11.11%');
  });

  it('adds cash and positions into the portfolio value', () => {
    const value = valuePortfolio('0.10', [position, { quantity: '3', marketValue: '0.60', unrealizedPnl: '-0.30', asset: { price: '0.2' } }]);
    expect(formatUsd(value.totalValue)).toBe('$45,000.70');
    expect(formatSignedUsd(value.unrealizedPnl)).toBe('-$0.30');
  });
});
