import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ValueChart } from '../charts/ValueChart';
import { describeChange, describeTrend } from '../charts/trend';
import { graphql } from '../gql';
import type { PortfolioPointFragment } from '../gql/graphql';
import { formatUsd } from '../money/format';
import { Choice } from '../ui/Choice';
import { EmptyState, QueryError, Skeleton } from '../ui/states';
import { HISTORY_RANGE_SPOKEN, HISTORY_RANGES, type HistoryRange, type HistoryVariables, historyVariables, pointsToDraw } from './history-ranges';

export const PortfolioPointFragmentDoc = graphql(`
  fragment PortfolioPoint on PortfolioPoint {
    at
    value
    cash
  }
`);

/** Another range than the one the page opened with (a trader's choice, so a request of its own). */
export const PortfolioHistoryDocument = graphql(`
  query PortfolioHistory($interval: CandleInterval!, $from: DateTime) {
    me {
      id
      portfolio {
        history(interval: $interval, from: $from) {
          ...PortfolioPoint
        }
      }
    }
  }
`);

/** "Portfolio value, last week: up 1.20%, $10,000.00 to $10,120.00; high $10,150.00, low $9,990.00." */
export function describeHistory(range: HistoryRange, points: readonly PortfolioPointFragment[]): string {
  const what = `Portfolio value, ${HISTORY_RANGE_SPOKEN[range]}`;
  const trend = describeTrend(points.map((point) => point.value));
  if (!trend || points.length < 2) return `${what}: ${trend ? `${formatUsd(trend.last)}, no history before now` : 'no history yet'}.`;
  return `${what}: ${describeChange(trend)}, ${formatUsd(trend.first)} to ${formatUsd(trend.last)}; high ${formatUsd(trend.high)}, low ${formatUsd(trend.low)}.`;
}

export interface PortfolioHistoryProps {
  /** The range and arguments the page's query asked for (their answer is in the cache). */
  page: { range: HistoryRange; variables: HistoryVariables };
  /** When the account was created: where "All" begins. */
  createdAt: string;
  /** The portfolio's value at live prices, which the chart ends at. */
  liveValue: string;
}

/** The portfolio's value over the last week, 30 days or since the account began, with a switch between them. */
export function PortfolioHistory({ page, createdAt, liveValue }: PortfolioHistoryProps) {
  const [view, setView] = useState({ ...page, picked: false });
  const { data, loading, error, refetch } = useQuery(PortfolioHistoryDocument, {
    variables: view.variables,
    // The page's answer is current until the trader picks a range; after that, a range seen before is refreshed.
    fetchPolicy: view.picked ? 'cache-and-network' : 'cache-first',
    nextFetchPolicy: 'cache-first',
  });
  const history = data?.me?.portfolio.history;
  const points = history ? pointsToDraw(history, liveValue) : [];

  return (
    <div className="portfolio-history" aria-busy={loading}>
      <Choice<HistoryRange>
        legend="Range"
        name="history-range"
        className="compact"
        value={view.range}
        options={HISTORY_RANGES}
        onChange={(range) => setView({ range, variables: historyVariables(range, new Date(), createdAt), picked: true })}
      />
      {error && !history ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {!history && !error ? <Skeleton lines={4} label="Loading the portfolio history" /> : null}
      {history && points.length === 0 ? <EmptyState title="No history yet.">Deposit cash to start your portfolio.</EmptyState> : null}
      {history && points.length > 0 ? <ValueChart points={points} format={formatUsd} caption={describeHistory(view.range, points)} /> : null}
    </div>
  );
}
