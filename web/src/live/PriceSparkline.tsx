import { Sparkline } from '../charts/Sparkline';
import { graphql } from '../gql';
import type { PriceSparklineFragment } from '../gql/graphql';

// Hourly closes of the last 7 days: 168 points, about 7 KB of JSON per asset. (The router's cost estimate charges
// any unpaged list 10 items, whatever `last` says.)
export const PriceSparklineFragmentDoc = graphql(`
  fragment PriceSparkline on Asset {
    symbol
    price
    sparkline: candles(interval: ONE_HOUR, last: 168) {
      close
    }
  }
`);

/** The closes to draw, the last one at the live price (the current hour's candle closes at the price of now). */
export function sparklineValues(asset: PriceSparklineFragment): string[] {
  const closes = asset.sparkline.map((candle) => candle.close);
  return closes.length === 0 ? [] : [...closes.slice(0, -1), asset.price];
}

/** An asset's last 7 days as a sparkline that follows its live price. */
export function PriceSparkline({ asset }: { asset: PriceSparklineFragment }) {
  return <Sparkline values={sparklineValues(asset)} period="7 days" />;
}
