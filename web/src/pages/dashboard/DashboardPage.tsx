import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { LedgerTable } from '../../ledger/LedgerTable';
import { useLivePrices } from '../../live/useLivePrices';
import { valuePortfolio } from '../../money/valuation';
import { OrderTable } from '../../orders/OrderTable';
import { historyVariables, type HistoryRange } from '../../portfolio/history-ranges';
import { PortfolioHistory } from '../../portfolio/PortfolioHistory';
import { PortfolioSummary } from '../../portfolio/PortfolioSummary';
import { PositionsTable } from '../../portfolio/PositionsTable';
import { PageSkeleton, QueryError } from '../../ui/states';

export const DashboardPageDocument = graphql(`
  query DashboardPage($historyInterval: CandleInterval!, $historyFrom: DateTime) {
    me {
      id
      username
      firstName
      createdAt
      portfolio {
        ...PortfolioSummary
        history(interval: $historyInterval, from: $historyFrom) {
          ...PortfolioPoint
        }
      }
      orders(first: 5) {
        edges {
          node {
            ...OrderRow
          }
        }
      }
      transactions(first: 5) {
        edges {
          node {
            ...LedgerRow
          }
        }
      }
    }
  }
`);

/** The range of the portfolio chart the page opens with; its points come with the page's one query. */
const PAGE_HISTORY_RANGE: HistoryRange = '1W';

export default function DashboardPage() {
  // Fixed for the page's life: a new `from` at every render would be a new query.
  const [history] = useState(() => ({ range: PAGE_HISTORY_RANGE, variables: historyVariables(PAGE_HISTORY_RANGE, new Date()) }));
  const { data, error, refetch } = useQuery(DashboardPageDocument, {
    variables: { historyInterval: history.variables.interval, historyFrom: history.variables.from },
  });
  const me = data?.me;
  useLivePrices(me?.portfolio.positions.map((position) => position.asset.symbol) ?? []);

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!me) return <PageSkeleton title="Dashboard" />;

  return (
    <section className="page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Hello, {me.firstName}</h1>
      <PortfolioSummary portfolio={me.portfolio} />

      <h2>Portfolio value</h2>
      <PortfolioHistory
        page={history}
        createdAt={me.createdAt}
        liveValue={valuePortfolio(me.portfolio.cashBalance, me.portfolio.positions).totalValue.toFixed(2)}
      />

      <div className="section-head">
        <h2>Holdings</h2>
        <Link to="/portfolio">Portfolio →</Link>
      </div>
      <PositionsTable positions={me.portfolio.positions} />

      <div className="two-columns">
        <div>
          <div className="section-head">
            <h2>Recent orders</h2>
            <Link to="/orders">All orders →</Link>
          </div>
          <OrderTable orders={me.orders.edges.map((edge) => edge.node)} caption="Your five most recent orders" />
        </div>
        <div>
          <div className="section-head">
            <h2>Recent cash movements</h2>
            <Link to="/account">Account →</Link>
          </div>
          <LedgerTable entries={me.transactions.edges.map((edge) => edge.node)} caption="Your five most recent cash movements" />
        </div>
      </div>
    </section>
  );
}
