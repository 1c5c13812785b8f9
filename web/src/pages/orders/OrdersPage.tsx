import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { OrderTable } from '../../orders/OrderTable';
import { Pager } from '../../ui/Pager';
import { PageSkeleton, QueryError } from '../../ui/states';
import { checkOrderView, isFiltered, orderFilter, orderViewParams, readOrderView } from './order-filters';
import { OrderFilters } from './OrderFilters';

export const OrdersPageDocument = graphql(`
  query OrdersPage($first: Int!, $after: String, $filter: OrderFilter) {
    me {
      id
      orders(first: $first, after: $after, filter: $filter) {
        edges {
          node {
            ...OrderRow
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const PAGE_SIZE = 20;

/**
 * Every order of the trader, newest first, filtered by asset, side, type, status and the days placed, 20 a page. The
 * filters and the page are the address (`?asset=BTC&status=FILLED&after=…`): each `after` is the cursor of a page
 * before this one (the API pages forward only), so a view can be shared, reloaded and walked back with the browser.
 */
export default function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const view = readOrderView(params);
  const cursors = params.getAll('after');
  const invalid = Object.keys(checkOrderView(view)).length > 0;
  const { data, previousData, error, loading, refetch } = useQuery(OrdersPageDocument, {
    variables: { first: PAGE_SIZE, after: cursors[cursors.length - 1] ?? null, filter: orderFilter(view) },
    skip: invalid,
  });

  const goTo = (pageCursors: readonly string[]) => {
    const next = orderViewParams(view);
    for (const cursor of pageCursors) next.append('after', cursor);
    setParams(next);
  };
  const viewKey = orderViewParams(view).toString();
  // While another page or filter loads, the one on screen stays (marked busy).
  const orders = (data ?? (loading ? previousData : undefined))?.me?.orders;

  // A first load shows the page's skeleton; a refused filter keeps the form, so it can be corrected.
  if (!orders && !error && !invalid) return <PageSkeleton title="Orders" />;

  return (
    <section className="page" aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <OrderFilters key={viewKey} applied={view} onApply={(applied) => setParams(orderViewParams(applied))} />
      {invalid ? (
        <p className="alert alert-error" role="alert">
          These filters cannot be shown: correct them above.
        </p>
      ) : null}
      {error && !orders ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
      {orders ? (
        <div aria-busy={loading}>
          <OrderTable
            orders={orders.edges.map((edge) => edge.node)}
            caption={isFiltered(view) ? 'Your orders matching the filters, newest first' : 'Your orders, newest first'}
            emptyText={cursors.length > 0 ? 'No more orders.' : isFiltered(view) ? 'No orders match these filters.' : 'No orders yet.'}
          />
          {cursors.length > 0 || orders.pageInfo.hasNextPage ? (
            <Pager
              label="Order pages"
              page={cursors.length + 1}
              hasPrevious={cursors.length > 0}
              hasNext={orders.pageInfo.hasNextPage && orders.pageInfo.endCursor !== null}
              onPrevious={() => goTo(cursors.slice(0, -1))}
              onNext={() => goTo([...cursors, orders.pageInfo.endCursor ?? ''])}
              previousText="Newer"
              nextText="Older"
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
