import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { AssetTickerFragment } from '../../gql/graphql';
import { LivePrice } from '../../live/LivePrice';
import { Change } from '../../ui/Pnl';

export const AssetTickerFragmentDoc = graphql(`
  fragment AssetTicker on Asset {
    symbol
    name
    price
    change24h
  }
`);

/** A card with an asset's live price and 24-hour change, leading to its trade page. */
export function AssetTicker({ asset }: { asset: AssetTickerFragment }) {
  return (
    <li className="ticker">
      <Link to={`/trade/${asset.symbol}`} className="ticker-link" aria-label={`${asset.name} (${asset.symbol}), trade`}>
        <span className="ticker-head">
          <span className="symbol">{asset.symbol}</span>
          <span className="muted ticker-name">{asset.name}</span>
        </span>
        <LivePrice price={asset.price} className="ticker-price" />
        <Change value={asset.change24h} />
      </Link>
    </li>
  );
}
