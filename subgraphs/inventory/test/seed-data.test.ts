import assets from '../src/seed/assets.json';

const CATEGORIES = ['CURRENCY', 'PLATFORM', 'LAYER2', 'STABLECOIN', 'DEFI', 'EXCHANGE', 'MEME', 'INFRASTRUCTURE', 'GAMING', 'PRIVACY', 'AI'] as const;

const FIELDS = ['category', 'change24h', 'description', 'marketCap', 'name', 'price', 'symbol'];

describe('inventory seed assets', () => {
  it('is an array of at least 98 assets', () => {
    expect(Array.isArray(assets)).toBe(true);
    expect(assets.length).toBeGreaterThanOrEqual(98);
  });

  it('has exactly the expected fields, all strings', () => {
    for (const asset of assets) {
      expect(Object.keys(asset).sort()).toEqual(FIELDS);
      for (const value of Object.values(asset)) expect(typeof value).toBe('string');
    }
  });

  it('has unique, well-formed symbols including BTC and ETH', () => {
    const symbols = assets.map((a) => a.symbol);
    for (const symbol of symbols) expect(symbol).toMatch(/^[A-Z0-9]{2,10}$/);
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(symbols).toContain('BTC');
    expect(symbols).toContain('ETH');
  });

  it('has unique, non-empty names', () => {
    const names = assets.map((a) => a.name);
    for (const name of names) expect(name.trim().length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses only known categories, each at least twice', () => {
    const counts = new Map<string, number>();
    for (const asset of assets) counts.set(asset.category, (counts.get(asset.category) ?? 0) + 1);
    for (const category of counts.keys()) expect(CATEGORIES).toContain(category);
    for (const category of CATEGORIES) expect(counts.get(category) ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('has positive decimal-string prices', () => {
    for (const { symbol, price } of assets) {
      expect({ symbol, price }).toEqual({
        symbol,
        price: expect.stringMatching(/^\d+(\.\d{1,8})?$/),
      });
      expect(Number(price)).toBeGreaterThan(0);
    }
  });

  it('has two-decimal change24h strings', () => {
    for (const { symbol, change24h } of assets) {
      expect({ symbol, change24h }).toEqual({
        symbol,
        change24h: expect.stringMatching(/^-?\d+\.\d{2}$/),
      });
      expect(Math.abs(Number(change24h))).toBeLessThanOrEqual(15);
    }
  });

  it('has integer-string market caps', () => {
    for (const { symbol, marketCap } of assets) {
      expect({ symbol, marketCap }).toEqual({
        symbol,
        marketCap: expect.stringMatching(/^\d+$/),
      });
    }
  });

  it('has non-empty descriptions under 200 characters', () => {
    for (const { symbol, description } of assets) {
      expect({ symbol, empty: description.trim().length === 0 }).toEqual({
        symbol,
        empty: false,
      });
      expect({ symbol, short: description.length < 200 }).toEqual({
        symbol,
        short: true,
      });
    }
  });
});
