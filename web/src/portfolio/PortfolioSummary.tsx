import { graphql } from '../gql';
import type { PortfolioSummaryFragment } from '../gql/graphql';
import { formatUsd } from '../money/format';
import { valuePortfolio } from '../money/valuation';
import { Pnl } from '../ui/Pnl';

export const PortfolioSummaryFragmentDoc = graphql(`
  fragment PortfolioSummary on Portfolio {
    cashBalance
    reservedCash
    availableCash
    positions {
      ...PositionRow
    }
  }
`);

/** Cash, total value and unrealized P&L at live prices: the figures a trader looks at first. */
export function PortfolioSummary({ portfolio }: { portfolio: PortfolioSummaryFragment }) {
  const value = valuePortfolio(portfolio.cashBalance, portfolio.positions);
  return (
    <dl className="stats">
      <div className="stat">
        <dt>Cash balance</dt>
        <dd className="num">{formatUsd(portfolio.cashBalance)}</dd>
        <dd className="muted small">
          {formatUsd(portfolio.availableCash)} available{portfolio.reservedCash !== '0' ? `, ${formatUsd(portfolio.reservedCash)} reserved` : ''}
        </dd>
      </div>
      <div className="stat">
        <dt>Portfolio value</dt>
        <dd className="num">{formatUsd(value.totalValue)}</dd>
        <dd className="muted small">{formatUsd(value.holdingsValue)} in assets</dd>
      </div>
      <div className="stat">
        <dt>Unrealized P&amp;L</dt>
        <dd>
          <Pnl value={value.unrealizedPnl} percent={value.unrealizedPnlPercent} />
        </dd>
      </div>
    </dl>
  );
}
