import { useMutation, useQuery } from '@apollo/client/react';
import { Fragment, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { graphql } from '../../gql';
import type { AdminAssetFragment } from '../../gql/graphql';
import { formatCompactUsd, formatExactPrice } from '../../money/format';
import { EmptyState, QueryError } from '../../ui/states';
import { CATEGORY_LABELS } from '../markets/categories';
import { FIRST_PAGE, nextPage, type PagePosition, Pager, pageVariables, previousPage, shownPage } from '../../ui/Pager';
import { SearchField } from '../../ui/SearchField';
import { AdminNav, AdminSkeleton } from './AdminNav';
import { AssetForm, UpdateAssetDocument } from './AssetForm';

export const AdminPageDocument = graphql(`
  query AdminPage($search: String, $first: Int, $after: String, $last: Int, $before: String) {
    assets(
      filter: { search: $search, activeOnly: false }
      sort: { field: SYMBOL, direction: ASC }
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      edges {
        node {
          ...AdminAsset
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

function AssetRow({ asset }: { asset: AdminAssetFragment }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [updateAsset, { loading }] = useMutation(UpdateAssetDocument);
  const toggle = async () => {
    setError(null);
    try {
      await updateAsset({ variables: { symbol: asset.symbol, input: { active: !asset.active } } });
    } catch (failure) {
      setError(describeError(failure).message);
    }
  };
  return (
    <Fragment>
      <tr>
        <th scope="row" data-label="Symbol" className="symbol">
          {asset.symbol}
        </th>
        <td data-label="Name">{asset.name}</td>
        <td data-label="Category">{CATEGORY_LABELS[asset.category]}</td>
        <td data-label="Price" className="num">
          {formatExactPrice(asset.price)}
        </td>
        <td data-label="Market cap" className="num">
          {formatCompactUsd(asset.marketCap)}
        </td>
        <td data-label="Status">
          <span className={`badge ${asset.active ? 'status-filled' : 'status-cancelled'}`}>{asset.active ? 'Listed' : 'Delisted'}</span>
        </td>
        <td data-label="Actions" className="row-actions">
          <button
            type="button"
            className="button secondary small"
            aria-expanded={editing}
            onClick={() => setEditing((open) => !open)}
            aria-label={`Edit ${asset.symbol}`}
          >
            Edit
          </button>
          <button
            type="button"
            className="button secondary small"
            disabled={loading}
            onClick={() => void toggle()}
            aria-label={`${asset.active ? 'Deactivate' : 'Reactivate'} ${asset.symbol}`}
          >
            {asset.active ? 'Deactivate' : 'Reactivate'}
          </button>
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </td>
      </tr>
      {editing ? (
        <tr className="edit-row">
          <td colSpan={7}>
            <AssetForm asset={asset} onDone={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

export default function AdminPage() {
  const [search, setSearch] = useState('');
  const [position, setPosition] = useState<PagePosition>(FIRST_PAGE);
  const [adding, setAdding] = useState(false);
  const { data, error, refetch } = useQuery(AdminPageDocument, { variables: { search: search || null, ...pageVariables(position, PAGE_SIZE) } });

  if (error && !data)
    return (
      <>
        <AdminNav />
        <QueryError error={error} onRetry={() => void refetch()} />
      </>
    );
  if (!data) return <AdminSkeleton title="Assets" />;
  const assets = data.assets.edges.map((edge) => edge.node);

  return (
    <>
      <AdminNav />
      <section className="page" aria-labelledby="admin-title">
        <div className="section-head">
          <h1 id="admin-title">Assets</h1>
          <button type="button" className="button primary" aria-expanded={adding} onClick={() => setAdding((open) => !open)}>
            Add an asset
          </button>
        </div>
        {adding ? (
          <div className="panel">
            <h2>New asset</h2>
            <AssetForm onDone={() => setAdding(false)} />
          </div>
        ) : null}
        <form className="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
          <SearchField
            id="admin-search"
            value={search}
            onSearch={(text) => {
              setSearch(text);
              setPosition(FIRST_PAGE);
            }}
          />
        </form>
        {assets.length === 0 ? (
          <EmptyState title="No assets match." />
        ) : (
          <table className="table stack-on-phone">
            <caption className="visually-hidden">Every asset, listed or delisted ({data.assets.totalCount})</caption>
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Price
                </th>
                <th scope="col" className="num">
                  Market cap
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {assets.map((asset) => (
                <AssetRow key={asset.symbol} asset={asset} />
              ))}
            </tbody>
          </table>
        )}
        {data.assets.pageInfo.hasPreviousPage || data.assets.pageInfo.hasNextPage ? (
          <Pager
            label="Pages"
            page={shownPage(position, data.assets.pageInfo)}
            pages={Math.max(1, Math.ceil(data.assets.totalCount / PAGE_SIZE))}
            hasPrevious={data.assets.pageInfo.hasPreviousPage}
            hasNext={data.assets.pageInfo.hasNextPage}
            onPrevious={() => setPosition(previousPage(position, data.assets.pageInfo))}
            onNext={() => setPosition(nextPage(position, data.assets.pageInfo))}
          />
        ) : null}
      </section>
    </>
  );
}
