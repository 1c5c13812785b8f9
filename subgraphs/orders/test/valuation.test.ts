import { Dec } from '@trading/platform';
import type { HoldingRecord } from '../src/data/holdings';
import { averageCost, valueHolding, valuePortfolio } from '../src/domain/valuation';

const holding = (symbol: string, quantity: string, costBasis: string): HoldingRecord => ({
  userId: 'u',
  symbol,
  quantity: new Dec(quantity),
  costBasis: new Dec(costBasis),
  reserved: new Dec(0),
});
const quote = (symbol: string, price: string) => [symbol, { symbol, price: new Dec(price), active: true }] as const;

test('a holding is valued to the cent, half up, and P&L is against what it cost', () => {
  const valued = valueHolding(holding('BTC', '0.00123457', '100'), new Dec('95214.37'));
  // 0.00123457 x 95214.37 = 117.5491...
  expect(valued.marketValue.toFixed()).toBe('117.55');
  expect(valued.unrealizedPnl.toFixed()).toBe('17.55');
  expect(valueHolding(holding('X', '1', '1'), new Dec('0.005')).marketValue.toFixed()).toBe('0.01');
  expect(valueHolding(holding('X', '1', '1'), new Dec('0.0049')).marketValue.toFixed()).toBe('0');
});

test('average cost is cost per unit to 8 decimal places', () => {
  expect(averageCost(holding('ETH', '3', '100')).toFixed()).toBe('33.33333333');
  expect(averageCost(holding('ETH', '0', '0')).toFixed()).toBe('0');
});

test('a portfolio adds cash and holdings exactly and lists the largest position first', () => {
  const portfolio = valuePortfolio(
    '1000.1',
    [holding('ETH', '2', '5000'), holding('BTC', '0.1', '9000')],
    new Map([quote('BTC', '100000'), quote('ETH', '3000.005')]),
  );
  expect(portfolio.positions.map((p) => [p.symbol, p.marketValue.toFixed()])).toEqual([
    ['BTC', '10000'],
    ['ETH', '6000.01'],
  ]);
  expect(portfolio.holdingsValue.toFixed()).toBe('16000.01');
  expect(portfolio.totalValue.toFixed()).toBe('17000.11');
  expect(portfolio.cashBalance.toFixed()).toBe('1000.1');
});

test('a holding whose asset has no price any more counts as zero instead of failing the portfolio', () => {
  const portfolio = valuePortfolio('5', [holding('GONE', '10', '50')], new Map([['GONE', null]]));
  expect(portfolio.positions[0]!.marketValue.toFixed()).toBe('0');
  expect(portfolio.positions[0]!.unrealizedPnl.toFixed()).toBe('-50');
  expect(portfolio.totalValue.toFixed()).toBe('5');
});
