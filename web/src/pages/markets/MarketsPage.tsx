import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import type { AssetSortField, SortDirection } from '../../gql/graphql';
import { useLivePrices } from '../../live/useLivePrices';
import { EmptyState, QueryError, Skeleton } from '../../ui/states';
import { CATEGORIES, CATEGORY_LABELS, isCategory } from './categories';
import { FIRST_PAGE, nextPage, type PagePosition, Pager, pageVariables, previousPage, shownPage } from '../../ui/Pager';
import { SearchField } from '../../ui/SearchField';
import { MarketRow } from './MarketRow';

export const MarketsPageDocument = graphql(`
  query MarketsPage($filter: AssetFilter, $sort: AssetSort, $first: Int, $after: String, $last: Int, $before: String) {
    assets(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      edges {
        node {
          ...MarketRow
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
    }
  }
`);

const PAGE_SIZE = 20;

const COLUMNS: Array<{ field: AssetSortField; label: string; numeric: boolean }> = [
  { field: 'SYMBOL', label: 'Symbol', numeric: false },
  { field: 'NAME', label: 'Name', numeric: false },
  { field: 'PRICE', label: 'Price', numeric: true },
  { field: 'CHANGE_24H', label: '24h', numeric: true },
  { field: 'MARKET_CAP', label: 'Market cap', numeric: true },
];

function isSortField(value: string | null): value is AssetSortField {
  return COLUMNS.some((column) => column.field === value);
}

/** Search, category, sort and page live in the address, so a view can be shared and the back button works. */
function useMarketView() {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const category = params.get('category');
  const sortParam = params.get('sort');
  const field: AssetSortField = isSortField(sortParam) ? sortParam : 'MARKET_CAP';
  const direction: SortDirection = params.get('dir') === 'ASC' ? 'ASC' : 'DESC';
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  return { search, category: isCategory(category) ? category : null, field, direction, update };
}

export default function MarketsPage() {
  const view = useMarketView();
  // Where the page shown starts or ends (opaque cursors from the API, never computed). A new filter starts at page one.
  const [position, setPosition] = useState<PagePosition>(FIRST_PAGE);
  const filterKey = `${view.search}|${view.category}|${view.field}|${view.direction}`;
  const [positionFor, setPositionFor] = useState(filterKey);
  if (positionFor !== filterKey) {
    setPositionFor(filterKey);
    setPosition(FIRST_PAGE);
  }

  const { data, error, loading, refetch } = useQuery(MarketsPageDocument, {
    variables: {
      filter: { ...(view.search ? { search: view.search } : {}), ...(view.category ? { category: view.category } : {}) },
      sort: { field: view.field, direction: view.direction },
      ...pageVariables(position, PAGE_SIZE),
    },
  });
  const assets = data?.assets.edges.map((edge) => edge.node) ?? [];
  useLivePrices(assets.map((asset) => asset.symbol));

  const total = data?.assets.totalCount ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const sortBy = (field: AssetSortField, numeric: boolean) => {
    const direction = field === view.field ? (view.direction === 'ASC' ? 'DESC' : 'ASC') : numeric ? 'DESC' : 'ASC';
    view.update({ sort: field, dir: direction });
  };

  return (
    <section className="page" aria-labelledby="markets-title">
      <h1 id="markets-title">Markets</h1>
      <form className="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <SearchField id="markets-search" value={view.search} onSearch={(q) => view.update({ q })} />
        <div className="field">
          <label htmlFor="markets-category">Category</label>
          <select id="markets-category" value={view.category ?? ''} onChange={(event) => view.update({ category: event.target.value })}>
            <option value="">All categories</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {CATEGORY_LABELS[category]}
              </option>
            ))}
          </select>
        </div>
        <div className="field phone-only">
          <label htmlFor="markets-sort">Sort by</label>
          <select
            id="markets-sort"
            value={`${view.field}:${view.direction}`}
            onChange={(event) => {
              const [sort = 'MARKET_CAP', dir = 'DESC'] = event.target.value.split(':');
              view.update({ sort, dir });
            }}
          >
            {COLUMNS.flatMap(({ field, label, numeric }) =>
              (numeric ? (['DESC', 'ASC'] as const) : (['ASC', 'DESC'] as const)).map((direction) => (
                <option key={`${field}:${direction}`} value={`${field}:${direction}`}>
                  {label}, {numeric ? (direction === 'DESC' ? 'highest first' : 'lowest first') : direction === 'ASC' ? 'A to Z' : 'Z to A'}
                </option>
              )),
            )}
          </select>
        </div>
      </form>

      {error && !data ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {!data && !error ? <Skeleton lines={8} label="Loading markets" /> : null}
      {data && assets.length === 0 ? <EmptyState title="No assets match.">Try another search or category.</EmptyState> : null}
      {data && assets.length > 0 ? (
        <table className="table stack-on-phone markets" aria-busy={loading}>
          <caption className="visually-hidden">Assets, {total} in all; choose a column header to sort</caption>
          <thead>
            <tr>
              {COLUMNS.map(({ field, label, numeric }) => {
                const active = view.field === field;
                return (
                  <th
                    key={field}
                    scope="col"
                    className={numeric ? 'num' : undefined}
                    aria-sort={active ? (view.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" className="sort-button" onClick={() => sortBy(field, numeric)}>
                      {label}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (view.direction === 'ASC' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col" className="sparkline-cell">
                7 days
              </th>
            </tr>
          </thead>
          <tbody>
            {assets.map((asset) => (
              <MarketRow key={asset.symbol} asset={asset} />
            ))}
          </tbody>
        </table>
      ) : null}
      {data && total > PAGE_SIZE ? (
        <Pager
          label="Pages"
          page={shownPage(position, data.assets.pageInfo)}
          pages={pages}
          hasPrevious={data.assets.pageInfo.hasPreviousPage}
          hasNext={data.assets.pageInfo.hasNextPage}
          onPrevious={() => setPosition(previousPage(position, data.assets.pageInfo))}
          onNext={() => setPosition(nextPage(position, data.assets.pageInfo))}
        />
      ) : null}
    </section>
  );
}
