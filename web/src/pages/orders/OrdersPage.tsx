import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { OrderTable } from '../../orders/OrderTable';
import { nextPage, type PagePosition, Pager, pageVariables, previousPage, shownPage } from '../../ui/Pager';
import { PageSkeleton, QueryError } from '../../ui/states';
import { readPosition, withPosition } from '../../ui/url-paging';
import { checkOrderView, isFiltered, orderFilter, orderViewParams, readOrderView } from './order-filters';
import { OrderFilters } from './OrderFilters';

export const OrdersPageDocument = graphql(`
  query OrdersPage($first: Int, $after: String, $last: Int, $before: String, $filter: OrderFilter) {
    me {
      id
      orders(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
        edges {
          node {
            ...OrderRow
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
  }
`);

const PAGE_SIZE = 20;

/**
 * Every order of the trader, newest first, filtered by asset, side, type, status and the days placed, 20 a page. The
 * filters and the page are the address (`?asset=BTC&status=FILLED&after=…&page=2`): Older reads the orders after the
 * page's last (`after`), Newer those before its first (`before`, the API's `last`/`before`), so a view can be
 * shared, reloaded and walked back with the browser.
 */
export default function OrdersPage() {
  const [params, setParams] = useSearchParams();
  const view = readOrderView(params);
  const position = readPosition(params);
  const invalid = Object.keys(checkOrderView(view)).length > 0;
  const { data, previousData, error, loading, refetch } = useQuery(OrdersPageDocument, {
    variables: { ...pageVariables(position, PAGE_SIZE), filter: orderFilter(view) },
    skip: invalid,
  });

  const goTo = (to: PagePosition) => setParams(withPosition(orderViewParams(view), to));
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
            emptyText={orders.pageInfo.hasPreviousPage ? 'No more orders.' : isFiltered(view) ? 'No orders match these filters.' : 'No orders yet.'}
          />
          {orders.pageInfo.hasPreviousPage || orders.pageInfo.hasNextPage ? (
            <Pager
              label="Order pages"
              page={shownPage(position, orders.pageInfo)}
              hasPrevious={orders.pageInfo.hasPreviousPage && orders.pageInfo.startCursor !== null}
              hasNext={orders.pageInfo.hasNextPage && orders.pageInfo.endCursor !== null}
              onPrevious={() => goTo(previousPage(position, orders.pageInfo))}
              onNext={() => goTo(nextPage(position, orders.pageInfo))}
              previousText="Newer"
              nextText="Older"
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
