import { Link } from 'react-router';
import { graphql } from '../gql';
import type { PositionRowFragment } from '../gql/graphql';
import { LivePrice } from '../live/LivePrice';
import { formatPrice, formatQuantity, formatUsd } from '../money/format';
import { valueAtLivePrice } from '../money/valuation';
import { Pnl } from '../ui/Pnl';
import { EmptyState } from '../ui/states';

export const PositionRowFragmentDoc = graphql(`
  fragment PositionRow on Holding {
    quantity
    reservedQuantity
    averageCost
    marketValue
    unrealizedPnl
    asset {
      symbol
      name
      price
    }
  }
`);

/** One position valued at the live price; the symbol leads to its history. */
function PositionRow({ position }: { position: PositionRowFragment }) {
  const live = valueAtLivePrice(position);
  return (
    <tr>
      <th scope="row" data-label="Asset">
        {/* The name starts with what the link shows (WCAG 2.5.3, label in name). */}
        <Link to={`/portfolio/${position.asset.symbol}`} aria-label={`${position.asset.symbol} ${position.asset.name}: order and ledger history`}>
          <span className="symbol">{position.asset.symbol}</span> <span className="muted">{position.asset.name}</span>
        </Link>
      </th>
      <td data-label="Quantity" className="num">
        {formatQuantity(position.quantity)}
      </td>
      <td data-label="Average cost" className="num">
        {formatPrice(position.averageCost)}
      </td>
      <td data-label="Price" className="num">
        <LivePrice price={position.asset.price} />
      </td>
      <td data-label="Market value" className="num">
        {formatUsd(live.marketValue)}
      </td>
      <td data-label="Unrealized P&L" className="num">
        <Pnl value={live.unrealizedPnl} percent={live.unrealizedPnlPercent} />
      </td>
    </tr>
  );
}

/** Every position with quantity, average cost, live price, market value and unrealized P&L. */
export function PositionsTable({ positions }: { positions: readonly PositionRowFragment[] }) {
  if (positions.length === 0)
    return (
      <EmptyState title="You hold no assets yet.">
        Find one in the <Link to="/markets">markets</Link> and buy it.
      </EmptyState>
    );
  return (
    <table className="table stack-on-phone">
      <caption className="visually-hidden">Positions at live prices</caption>
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col" className="num">
            Average cost
          </th>
          <th scope="col" className="num">
            Price
          </th>
          <th scope="col" className="num">
            Market value
          </th>
          <th scope="col" className="num">
            Unrealized P&amp;L
          </th>
        </tr>
      </thead>
      <tbody>
        {positions.map((position) => (
          <PositionRow key={position.asset.symbol} position={position} />
        ))}
      </tbody>
    </table>
  );
}
