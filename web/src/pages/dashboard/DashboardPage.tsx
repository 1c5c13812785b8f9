import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { LedgerTable } from '../../ledger/LedgerTable';
import { useLivePrices } from '../../live/useLivePrices';
import { OrderTable } from '../../orders/OrderTable';
import { PositionsTable } from '../../portfolio/PositionsTable';
import { PageSkeleton, QueryError } from '../../ui/states';
import { PortfolioSummary } from '../../portfolio/PortfolioSummary';

export const DashboardPageDocument = graphql(`
  query DashboardPage {
    me {
      id
      username
      firstName
      portfolio {
        ...PortfolioSummary
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

export default function DashboardPage() {
  const { data, error, refetch } = useQuery(DashboardPageDocument);
  const me = data?.me;
  useLivePrices(me?.portfolio.positions.map((position) => position.asset.symbol) ?? []);

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!me) return <PageSkeleton title="Dashboard" />;

  return (
    <section className="page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Hello, {me.firstName}</h1>
      <PortfolioSummary portfolio={me.portfolio} />

      <div className="section-head">
        <h2>Holdings</h2>
        <Link to="/portfolio">Portfolio →</Link>
      </div>
      <PositionsTable positions={me.portfolio.positions} />

      <div className="two-columns">
        <div>
          <div className="section-head">
            <h2>Recent orders</h2>
            <Link to="/markets">Trade →</Link>
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
