import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { AssetTickerFragment } from '../../gql/graphql';
import { LivePrice } from '../../live/LivePrice';
import { PriceSparkline } from '../../live/PriceSparkline';
import { Change } from '../../ui/Pnl';

export const AssetTickerFragmentDoc = graphql(`
  fragment AssetTicker on Asset {
    symbol
    name
    price
    change24h
    ...PriceSparkline
  }
`);

/**
 * A card with an asset's live price, 24-hour change and 7-day sparkline, leading to its trade page. The link is named
 * by what it shows ("BTC Bitcoin $95,214.37 +1.20% 7 days: up …"), so the name holds the visible label (WCAG 2.5.3).
 */
export function AssetTicker({ asset }: { asset: AssetTickerFragment }) {
  return (
    <li className="ticker">
      <Link to={`/trade/${asset.symbol}`} className="ticker-link">
        <span className="ticker-head">
          <span className="symbol">{asset.symbol}</span>
          <span className="muted ticker-name">{asset.name}</span>
        </span>
        <span className="ticker-body">
          <span className="ticker-figures">
            <LivePrice price={asset.price} className="ticker-price" />
            <Change value={asset.change24h} />
          </span>
          <PriceSparkline asset={asset} />
        </span>
      </Link>
    </li>
  );
}
