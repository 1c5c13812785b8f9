import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { useLivePrices } from '../../live/useLivePrices';
import { PositionsTable } from '../../portfolio/PositionsTable';
import { PageSkeleton, QueryError } from '../../ui/states';
import { PortfolioSummary } from '../../portfolio/PortfolioSummary';

export const PortfolioPageDocument = graphql(`
  query PortfolioPage {
    me {
      id
      portfolio {
        ...PortfolioSummary
      }
    }
  }
`);

export default function PortfolioPage() {
  const { data, error, refetch } = useQuery(PortfolioPageDocument);
  const portfolio = data?.me?.portfolio;
  useLivePrices(portfolio?.positions.map((position) => position.asset.symbol) ?? []);

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!portfolio) return <PageSkeleton title="Portfolio" />;

  return (
    <section className="page" aria-labelledby="portfolio-title">
      <h1 id="portfolio-title">Portfolio</h1>
      <PortfolioSummary portfolio={portfolio} />
      <h2>Positions</h2>
      <p className="muted small">Valued at live prices. Choose a position for its orders and cash movements.</p>
      <PositionsTable positions={portfolio.positions} />
    </section>
  );
}
