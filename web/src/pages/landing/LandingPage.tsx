import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { useLivePrices } from '../../live/useLivePrices';
import { useSession } from '../../session/SessionContext';
import { QueryError, Skeleton } from '../../ui/states';
import { AssetTicker } from './AssetTicker';

export const LandingPageDocument = graphql(`
  query LandingPage {
    assets(first: 10) {
      totalCount
      edges {
        node {
          ...AssetTicker
        }
      }
    }
  }
`);

export default function LandingPage() {
  const session = useSession();
  const { data, error, refetch } = useQuery(LandingPageDocument);
  const assets = data?.assets.edges.map((edge) => edge.node) ?? [];
  useLivePrices(assets.map((asset) => asset.symbol));

  return (
    <section className="page" aria-labelledby="landing-title">
      <div className="hero">
        <h1 id="landing-title">Trade crypto at live prices</h1>
        <p className="lead">
          {data ? `${data.assets.totalCount} assets` : 'Assets'}, exact to the cent, with market and limit orders and a portfolio valued as prices
          move.
        </p>
        <div className="actions">
          {session ? (
            <Link to="/dashboard" className="button primary">
              Go to your dashboard
            </Link>
          ) : (
            <>
              <Link to="/register" className="button primary">
                Create an account
              </Link>
              <Link to="/signin" className="button secondary">
                Sign in
              </Link>
            </>
          )}
        </div>
      </div>
      <h2>Top assets by market cap</h2>
      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {!data && !error ? <Skeleton lines={4} label="Loading top assets" /> : null}
      {data ? (
        <ul className="tickers" aria-label="Top assets">
          {assets.map((asset) => (
            <AssetTicker key={asset.symbol} asset={asset} />
          ))}
        </ul>
      ) : null}
      <p>
        <Link to="/markets">See all markets →</Link>
      </p>
    </section>
  );
}
