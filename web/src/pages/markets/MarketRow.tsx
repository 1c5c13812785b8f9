import { Link, useNavigate } from 'react-router';
import { graphql } from '../../gql';
import type { MarketRowFragment } from '../../gql/graphql';
import { LivePrice } from '../../live/LivePrice';
import { PriceSparkline } from '../../live/PriceSparkline';
import { formatCompactUsd } from '../../money/format';
import { Change } from '../../ui/Pnl';
import { CATEGORY_LABELS } from './categories';

export const MarketRowFragmentDoc = graphql(`
  fragment MarketRow on Asset {
    symbol
    name
    category
    price
    change24h
    marketCap
    active
    ...PriceSparkline
  }
`);

/** One asset of the markets table; the row (and its link, for the keyboard) leads to its trade page. */
export function MarketRow({ asset }: { asset: MarketRowFragment }) {
  const navigate = useNavigate();
  const to = `/trade/${asset.symbol}`;
  return (
    <tr className="clickable" onClick={() => navigate(to)}>
      <th scope="row" data-label="Symbol">
        {/* The visible symbol starts the name (WCAG 2.5.3, label in name); the asset's name follows in parentheses. */}
        <Link to={to} className="symbol" aria-label={`Trade ${asset.symbol} (${asset.name})`} onClick={(event) => event.stopPropagation()}>
          {asset.symbol}
        </Link>
      </th>
      <td data-label="Name">
        {asset.name} <span className="badge">{CATEGORY_LABELS[asset.category]}</span>
        {asset.active ? null : <span className="badge status-cancelled">Delisted</span>}
      </td>
      <td data-label="Price" className="num">
        <LivePrice price={asset.price} />
      </td>
      <td data-label="24h" className="num">
        <Change value={asset.change24h} />
      </td>
      <td data-label="Market cap" className="num">
        {formatCompactUsd(asset.marketCap)}
      </td>
      <td data-label="7 days" className="sparkline-cell">
        <PriceSparkline asset={asset} />
      </td>
    </tr>
  );
}
