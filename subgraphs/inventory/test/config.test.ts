import { ConfigError } from '@trading/platform';
import { loadInventoryConfig, priceFeedSettings } from '../src/config';

test('the price feed is simulated by default, ticking every second by at most 0.2 %', () => {
  expect(priceFeedSettings(loadInventoryConfig({}))).toEqual({ tickMs: 1000, volatility: 0.002, share: 0.1, leaders: 10 });
  expect(priceFeedSettings(loadInventoryConfig({ PRICE_FEED: 'off' }))).toBe(false);
  expect(priceFeedSettings(loadInventoryConfig({ PRICE_TICK_MS: '50', PRICE_VOLATILITY: '0' }))).toEqual({
    tickMs: 50,
    volatility: 0,
    share: 0.1,
    leaders: 10,
  });
});

test('the simulator can move only some symbols, and all of them in every tick', () => {
  expect(priceFeedSettings(loadInventoryConfig({ PRICE_SYMBOLS: 'btc, ETH', PRICE_SHARE: '1' }))).toEqual({
    tickMs: 1000,
    volatility: 0.002,
    share: 1,
    leaders: 10,
    symbols: ['BTC', 'ETH'],
  });
  expect(priceFeedSettings(loadInventoryConfig({ PRICE_SYMBOLS: '' }))).toEqual({ tickMs: 1000, volatility: 0.002, share: 0.1, leaders: 10 });
});

test.each([
  ['PRICE_FEED', 'live'],
  ['PRICE_TICK_MS', '49'],
  ['PRICE_TICK_MS', '1.5'],
  ['PRICE_TICK_MS', 'fast'],
  ['PRICE_VOLATILITY', '0.21'],
  ['PRICE_VOLATILITY', '-0.01'],
  ['PRICE_SHARE', '0'],
  ['PRICE_SHARE', '1.5'],
  ['PRICE_LEADERS', '-1'],
  ['PRICE_LEADERS', '2.5'],
  ['PRICE_SYMBOLS', 'BTC;ETH'],
  ['PRICE_SYMBOLS', 'BTC,,ETH'],
])('refuses %s=%s, naming it', (name, value) => {
  expect(() => loadInventoryConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadInventoryConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
});
