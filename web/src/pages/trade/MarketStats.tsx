import { graphql } from '../../gql';
import type { MarketStatsFragment } from '../../gql/graphql';
import { Dec, toDec } from '../../money/decimal';
import { formatPercent, formatPrice, formatQuantity, formatSignedPrice, tone } from '../../money/format';

export const MarketStatsFragmentDoc = graphql(`
  fragment MarketStats on Asset {
    symbol
    price
    change24h
    stats24h {
      open
      high
      low
    }
    volume24h
    trades24h
  }
`);

/**
 * The last 24 hours of an asset: its high, low and change, kept current by the live price (a price beyond the day's
 * range becomes its new high or low), and what was traded on this platform.
 */
export function MarketStats({ asset }: { asset: MarketStatsFragment }) {
  const price = toDec(asset.price);
  const high = Dec.max(toDec(asset.stats24h.high), price);
  const low = Dec.min(toDec(asset.stats24h.low), price);
  const change = price.minus(asset.stats24h.open);
  return (
    <dl className="stats market-stats">
      <div className="stat">
        <dt>24h high</dt>
        <dd className="num">{formatPrice(high)}</dd>
      </div>
      <div className="stat">
        <dt>24h low</dt>
        <dd className="num">{formatPrice(low)}</dd>
      </div>
      <div className="stat">
        <dt>24h change</dt>
        <dd className={`num ${tone(change)}`}>
          {formatSignedPrice(change, price)} <span className="pnl-percent">({formatPercent(asset.change24h)})</span>
        </dd>
      </div>
      <div className="stat">
        <dt>24h volume here</dt>
        <dd className="num">
          {formatQuantity(asset.volume24h)} {asset.symbol}
        </dd>
      </div>
      <div className="stat">
        <dt>24h trades here</dt>
        <dd className="num">{asset.trades24h.toLocaleString()}</dd>
      </div>
    </dl>
  );
}
