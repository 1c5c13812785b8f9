import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, useMemo, useState } from 'react';
import { graphql } from '../../gql';
import type { ChartCandleFragment } from '../../gql/graphql';
import { useResilientSubscription } from '../../live/useResilientSubscription';
import { Choice } from '../../ui/Choice';
import { QueryError, Skeleton } from '../../ui/states';
import { CHART_RANGE_KEYS, CHART_RANGES, type ChartKind, type ChartRange, describeCandles, withLiveCandle } from './candles';

// The chart library is the largest dependency: it loads after the rest of the page, in its own chunk.
const PriceChart = lazy(() => import('./PriceChart'));

export const ChartCandleFragmentDoc = graphql(`
  fragment ChartCandle on Candle {
    start
    open
    high
    low
    close
  }
`);

/** The candles of another range than the one the page opened with (a trader's choice, so a request of its own). */
export const TradeChartDocument = graphql(`
  query TradeChart($symbol: String!, $interval: CandleInterval!, $last: Int!) {
    asset(symbol: $symbol) {
      symbol
      candles(interval: $interval, last: $last) {
        ...ChartCandle
      }
    }
  }
`);

/** The current candle each time it moves, then the next one when its interval begins. */
export const CandleUpdatesDocument = graphql(`
  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {
    candleUpdated(symbol: $symbol, interval: $interval) {
      ...ChartCandle
    }
  }
`);

const KINDS: ReadonlyArray<readonly [ChartKind, string]> = [
  ['candles', 'Candles'],
  ['line', 'Line'],
];

export interface TradeChartProps {
  asset: { symbol: string; name: string };
  /** The range whose candles the page's query brought (already in the cache). */
  pageRange: ChartRange;
}

/**
 * The Trade page's chart: the history of the chosen range (1H, 1D, 1W, 1M) as candlesticks or a line, moving live
 * with `candleUpdated`. The page's range is read from the cache (the page query brought it); another range is fetched
 * when the trader picks it. Told in words too, for those who cannot see the chart. Mount it with `key={symbol}`.
 */
export function TradeChart({ asset, pageRange }: TradeChartProps) {
  const [range, setRange] = useState<ChartRange>(pageRange);
  // Until the trader picks a range, the page's own answer is current; after that, a range seen before is refreshed.
  const [picked, setPicked] = useState(false);
  const [kind, setKind] = useState<ChartKind>('candles');
  const { interval, last, spoken } = CHART_RANGES[range];
  const { data, previousData, loading, error, refetch } = useQuery(TradeChartDocument, {
    variables: { symbol: asset.symbol, interval, last },
    fetchPolicy: picked ? 'cache-and-network' : 'cache-first',
    nextFetchPolicy: 'cache-first',
  });
  // While another range loads, the chart keeps showing the previous one.
  const history = data?.asset?.candles ?? (loading ? previousData?.asset?.candles : undefined);

  const [shown, setShown] = useState<{
    history: readonly ChartCandleFragment[] | undefined;
    candles: readonly ChartCandleFragment[];
    generation: number;
  }>({
    history: undefined,
    candles: [],
    generation: 0,
  });
  if (shown.history !== history) setShown({ history, candles: history ?? [], generation: shown.generation + 1 });

  const variables = useMemo(() => ({ symbol: asset.symbol, interval }), [asset.symbol, interval]);
  useResilientSubscription(CandleUpdatesDocument, {
    variables,
    onData: ({ candleUpdated }) => {
      // Not into the previous range's candles, still on screen while this range loads.
      if (data) setShown((current) => ({ ...current, candles: withLiveCandle(current.candles, candleUpdated, last) }));
    },
    // Candles that opened while the stream was down are missing: read the range again.
    onRestart: () => void refetch(),
  });

  const captionId = `chart-caption-${asset.symbol}`;
  return (
    <figure className="trade-chart" aria-labelledby={captionId} aria-busy={loading}>
      <div className="chart-controls">
        <Choice<ChartRange>
          legend="Range"
          name="chart-range"
          className="compact"
          value={range}
          options={CHART_RANGE_KEYS.map((key) => [key, key] as const)}
          onChange={(next) => {
            setPicked(true);
            setRange(next);
          }}
        />
        <Choice<ChartKind> legend="Chart" name="chart-kind" className="compact" value={kind} options={KINDS} onChange={setKind} />
      </div>
      {error && !history ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      <Suspense fallback={<Skeleton lines={6} label="Loading the chart" />}>
        <PriceChart candles={shown.candles} kind={kind} generation={shown.generation} />
      </Suspense>
      <figcaption id={captionId} className="muted small">
        {data ? describeCandles(asset, range, shown.candles) : `Loading the ${spoken}…`}
      </figcaption>
    </figure>
  );
}
