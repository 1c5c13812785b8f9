import { ApolloProvider } from '@apollo/client/react';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// eslint-disable-next-line no-restricted-imports -- the jest stand-in for lightweight-charts (web/test), not server code
import { drawing } from '../../../test/lightweight-charts-stub';
import { fakeClient } from '../../apollo/test-doubles';
import { TradeChart, TradeChartDocument } from './TradeChart';

const FIVE_MINUTES = 5 * 60_000;
const T0 = Date.UTC(2026, 10, 25, 15, 0);

/** A 5-minute candle `n` intervals after T0. */
function candle(n: number, open: string, close: string, interval = FIVE_MINUTES) {
  const [low, high] = Number(open) < Number(close) ? [open, close] : [close, open];
  return { __typename: 'Candle' as const, start: new Date(T0 + n * interval).toISOString(), open, high, low, close };
}

const pageCandles = [candle(0, '100', '101'), candle(1, '101', '99.5'), candle(2, '99.5', '100.25')];

function setup() {
  drawing.reset();
  const { client, link } = fakeClient();
  // What the Trade page's query left in the cache for its range (1D: 288 five-minute candles).
  const cached = { asset: { __typename: 'Asset' as const, symbol: 'BTC', candles: pageCandles } };
  client.writeQuery({ query: TradeChartDocument, variables: { symbol: 'BTC', interval: 'FIVE_MINUTES', last: 288 }, data: cached });
  render(
    <ApolloProvider client={client}>
      <TradeChart asset={{ symbol: 'BTC', name: 'Bitcoin' }} pageRange="1D" />
    </ApolloProvider>,
  );
  return { link, user: userEvent.setup() };
}

const closes = (bars: unknown) => (bars as Array<{ close?: number; value?: number }>).map((bar) => bar.close ?? bar.value);

describe('the Trade chart', () => {
  it('draws the candles the page brought without asking for them again, and tells them in words', async () => {
    const { link } = setup();
    await waitFor(() => expect(drawing.series[0]?.setData).toHaveLength(1));
    expect(drawing.series[0]?.type).toBe('Candlestick');
    expect(closes(drawing.series[0]?.setData[0])).toEqual([101, 99.5, 100.25]);
    expect(link.requests('TradeChart')).toHaveLength(0);
    expect(
      screen.getByRole('figure', {
        name: 'Bitcoin (BTC), last day in 5-minute candles: opened $100.00, now $100.25 (up 0.25%); high $101.00, low $99.50.',
      }),
    ).toBeInTheDocument();
    expect(link.requests('CandleUpdates').map((request) => request.variables)).toEqual([{ symbol: 'BTC', interval: 'FIVE_MINUTES' }]);
  });

  it('moves the last candle live, then appends the next one when its interval begins', async () => {
    const { link } = setup();
    await waitFor(() => expect(drawing.series[0]?.setData).toHaveLength(1));
    expect(link.requests('CandleUpdates')).toHaveLength(1);
    act(() => void link.push('CandleUpdates', { candleUpdated: candle(2, '99.5', '102') }));
    await waitFor(() => expect(closes(drawing.series[0]?.update)).toEqual([102]));
    act(() => void link.push('CandleUpdates', { candleUpdated: candle(3, '102', '101.5') }));
    await waitFor(() => expect(closes(drawing.series[0]?.update)).toEqual([102, 101.5]));
    // An update of the last candle or a new one is drawn as such: the series is not set again.
    expect(drawing.series[0]?.setData).toHaveLength(1);
    expect(screen.getByRole('figure')).toHaveAccessibleName(/opened \$100\.00, now \$101\.50 \(up 1\.50%\); high \$102\.00, low \$99\.50\.$/);
  });

  it('fetches another range when the trader picks it, and follows that interval live', async () => {
    const { link, user } = setup();
    await waitFor(() => expect(drawing.series[0]?.setData).toHaveLength(1));
    const HOUR = 60 * 60_000;
    link.answer('TradeChart', {
      asset: { __typename: 'Asset', symbol: 'BTC', candles: [candle(0, '90', '95', HOUR), candle(1, '95', '100', HOUR)] },
    });
    await user.click(screen.getByRole('radio', { name: '1W' }));
    await waitFor(() => expect(drawing.series[0]?.setData).toHaveLength(2));
    expect(closes(drawing.series[0]?.setData[1])).toEqual([95, 100]);
    expect(link.requests('TradeChart').map((request) => request.variables)).toEqual([{ symbol: 'BTC', interval: 'ONE_HOUR', last: 168 }]);
    await waitFor(() => expect(link.requests('CandleUpdates').at(-1)?.variables).toEqual({ symbol: 'BTC', interval: 'ONE_HOUR' }));
    expect(screen.getByRole('figure')).toHaveAccessibleName(
      /^Bitcoin \(BTC\), last week in hourly candles: opened \$90\.00, now \$100\.00 \(up 11\.11%\)/,
    );
  });

  it('switches between candlesticks and a line of the closes', async () => {
    const { user } = setup();
    await waitFor(() => expect(drawing.series[0]?.setData).toHaveLength(1));
    await user.click(screen.getByRole('radio', { name: 'Line' }));
    await waitFor(() => expect(drawing.series[1]?.type).toBe('Line'));
    expect(drawing.series[0]?.removed).toBe(true);
    expect(closes(drawing.series[1]?.setData[0])).toEqual([101, 99.5, 100.25]);
  });
});
