import type { GraphQLError } from 'graphql';
import { Dec } from '@trading/platform';
import { orderUpdatedEvent, priceTick } from '../src/domain/events';
import { cashReservation, checkOrderValue, limitReached, parseOrderRequest, tradeTotal } from '../src/domain/order-request';
import type { PlaceOrderInput } from '../src/generated/resolvers';

const input = (fields: Partial<PlaceOrderInput>): PlaceOrderInput => ({
  symbol: 'btc',
  side: 'BUY',
  type: 'LIMIT',
  quantity: '0.5',
  limitPrice: '100',
  ...fields,
});

function refusal(fn: () => unknown): { code: unknown; field: unknown } {
  try {
    fn();
  } catch (error) {
    const { extensions } = error as GraphQLError;
    return { code: extensions.code, field: extensions.field };
  }
  throw new Error('expected a refusal');
}

test('a limit order needs a positive limitPrice with at most 8 decimals; a market order refuses one', () => {
  const parsed = parseOrderRequest(input({ limitPrice: '100.12345678' }));
  expect([parsed.symbol, parsed.type, parsed.limitPrice?.toFixed(), parsed.quantity.toFixed()]).toEqual(['BTC', 'LIMIT', '100.12345678', '0.5']);
  expect(parseOrderRequest(input({ type: 'MARKET', limitPrice: null })).limitPrice).toBeNull();
  for (const limitPrice of [undefined, null, '0', '-1', '1e3', '1.123456789', ' 1', '1000000000001']) {
    expect(refusal(() => parseOrderRequest(input({ limitPrice })))).toEqual({ code: 'BAD_USER_INPUT', field: 'limitPrice' });
  }
  expect(refusal(() => parseOrderRequest(input({ type: 'MARKET', limitPrice: '1' })))).toEqual({ code: 'BAD_USER_INPUT', field: 'limitPrice' });
  expect(refusal(() => parseOrderRequest(input({ type: 'STOP' as never })))).toEqual({ code: 'BAD_USER_INPUT', field: 'type' });
});

test('the fingerprint of a market order is unchanged by limit orders; a limit order fingerprints its limit', () => {
  const market = parseOrderRequest(input({ type: 'MARKET', limitPrice: undefined }));
  expect(parseOrderRequest(input({ type: 'MARKET', limitPrice: null, quantity: '0.50' })).fingerprint).toBe(market.fingerprint);
  const limit = parseOrderRequest(input({}));
  expect(limit.fingerprint).not.toBe(market.fingerprint);
  expect(parseOrderRequest(input({ limitPrice: '100.00' })).fingerprint).toBe(limit.fingerprint);
  expect(parseOrderRequest(input({ limitPrice: '100.01' })).fingerprint).not.toBe(limit.fingerprint);
});

test('a buy is reached at or below its limit, a sell at or above it', () => {
  const limit = new Dec('100');
  expect([new Dec('99.99'), limit, new Dec('100.00000001')].map((price) => limitReached('BUY', limit, price))).toEqual([true, true, false]);
  expect([new Dec('99.99999999'), limit, new Dec('101')].map((price) => limitReached('SELL', limit, price))).toEqual([false, true, true]);
});

test('totals round in the platform’s favour; a reservation covers a fill at any price the limit allows', () => {
  // 0.3333 x 100.01 = 33.333333
  expect(tradeTotal('BUY', new Dec('0.3333'), new Dec('100.01')).toFixed()).toBe('33.34');
  expect(tradeTotal('SELL', new Dec('0.3333'), new Dec('100.01')).toFixed()).toBe('33.33');
  const quantity = new Dec('0.12345678');
  const limitPrice = new Dec('97.65432101');
  const reserved = cashReservation(quantity, limitPrice);
  for (const price of ['97.65432101', '97.654321', '50', '0.00000001']) {
    expect(tradeTotal('BUY', quantity, new Dec(price)).lte(reserved)).toBe(true);
  }
  // Even a fill at the smallest price costs a cent: nothing trades for free.
  expect(tradeTotal('BUY', quantity, new Dec('0.00000001')).toFixed()).toBe('0.01');
});

test('an order is worth at least a cent at its price (a limit order at its limit)', () => {
  expect(() => checkOrderValue(new Dec('1'), new Dec('0.01'))).not.toThrow();
  expect(refusal(() => checkOrderValue(new Dec('1'), new Dec('0.00999999')))).toEqual({ code: 'BAD_USER_INPUT', field: 'quantity' });
});

test('events are read defensively', () => {
  expect(priceTick({ symbol: 'BTC', price: '95000.5', previousPrice: '95000', changedAt: '2026-01-01T00:00:00.000Z' })).toEqual({
    symbol: 'BTC',
    price: new Dec('95000.5'),
    changedAt: '2026-01-01T00:00:00.000Z',
  });
  for (const bad of [
    null,
    'BTC',
    { symbol: 'BTC' },
    { symbol: 'BTC', price: 95000 },
    { symbol: 'BTC', price: '-1' },
    { symbol: 'BTC', price: '0' },
  ]) {
    expect(priceTick(bad)).toBeNull();
  }
  expect(orderUpdatedEvent({ userId: 'u', orderId: 'o', status: 'FILLED', extra: 1 })).toEqual({ userId: 'u', orderId: 'o', status: 'FILLED' });
  expect(orderUpdatedEvent({ userId: 'u', orderId: 7, status: 'FILLED' })).toBeNull();
});
