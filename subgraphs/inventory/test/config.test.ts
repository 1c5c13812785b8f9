import { ConfigError } from '@trading/platform';
import { loadInventoryConfig, priceFeedSettings } from '../src/config';

test('the price feed is simulated by default, ticking every second by at most 0.2 %', () => {
  expect(priceFeedSettings(loadInventoryConfig({}))).toEqual({ tickMs: 1000, volatility: 0.002 });
  expect(priceFeedSettings(loadInventoryConfig({ PRICE_FEED: 'off' }))).toBe(false);
  expect(priceFeedSettings(loadInventoryConfig({ PRICE_TICK_MS: '50', PRICE_VOLATILITY: '0' }))).toEqual({ tickMs: 50, volatility: 0 });
});

test.each([
  ['PRICE_FEED', 'live'],
  ['PRICE_TICK_MS', '49'],
  ['PRICE_TICK_MS', '1.5'],
  ['PRICE_TICK_MS', 'fast'],
  ['PRICE_VOLATILITY', '0.21'],
  ['PRICE_VOLATILITY', '-0.01'],
])('refuses %s=%s, naming it', (name, value) => {
  expect(() => loadInventoryConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadInventoryConfig({ [name]: value })).toThrow(new RegExp(`${name}:`));
});
