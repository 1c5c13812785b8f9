import { describeCandles, withLiveCandle } from './candles';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 15, minute)).toISOString();
const candle = (minute: number, close: string) => ({ start: at(minute), open: '100', high: '110', low: '90', close });

describe('withLiveCandle', () => {
  const candles = [candle(0, '100'), candle(1, '101'), candle(2, '102')];

  it('replaces the current candle, keeping the earlier ones as they were', () => {
    const next = withLiveCandle(candles, candle(2, '103'), 10);
    expect(next.map((c) => c.close)).toEqual(['100', '101', '103']);
    expect(next[0]).toBe(candles[0]);
  });

  it('appends the next candle and drops the oldest beyond the range', () => {
    expect(withLiveCandle(candles, candle(3, '104'), 10).map((c) => c.close)).toEqual(['100', '101', '102', '104']);
    expect(withLiveCandle(candles, candle(3, '104'), 3).map((c) => c.start)).toEqual([at(1), at(2), at(3)]);
  });

  it('ignores a candle older than the last one, and starts a series with the first', () => {
    expect(withLiveCandle(candles, candle(1, '99'), 10)).toBe(candles);
    expect(withLiveCandle([], candle(5, '1'), 10)).toEqual([candle(5, '1')]);
  });
});

describe('describeCandles', () => {
  it('tells the range, its open, close, change, high and low', () => {
    expect(describeCandles({ symbol: 'BTC', name: 'Bitcoin' }, '1H', [candle(0, '100'), { ...candle(1, '95.5'), low: '80' }])).toBe(
      'Bitcoin (BTC), last hour in 1-minute candles: opened $100.00, now $95.50 (down 4.50%); high $110.00, low $80.00.',
    );
  });

  it('says when a range has no candles', () => {
    expect(describeCandles({ symbol: 'NEW', name: 'Newcoin' }, '1W', [])).toBe(
      'Newcoin (NEW), last week in hourly candles: no prices in this range yet.',
    );
  });
});
