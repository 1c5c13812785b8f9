import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { LedgerTable } from '../../ledger/LedgerTable';
import { formatUsd } from '../../money/format';
import { useSessionStore } from '../../session/SessionContext';
import { PageSkeleton, QueryError } from '../../ui/states';
import { FIRST_PAGE, nextPage, type PagePosition, Pager, pageVariables, previousPage, shownPage } from '../../ui/Pager';
import { CashForm } from './CashForm';

export const AccountPageDocument = graphql(`
  query AccountPage($first: Int, $after: String, $last: Int, $before: String) {
    me {
      id
      balance
      portfolio {
        availableCash
        reservedCash
      }
      transactions(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges {
          node {
            ...LedgerRow
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

export default function AccountPage() {
  const store = useSessionStore();
  // Where the ledger page shown starts or ends (opaque cursors from the API, never computed).
  const [position, setPosition] = useState<PagePosition>(FIRST_PAGE);
  const { data, error, loading, refetch } = useQuery(AccountPageDocument, { variables: pageVariables(position, PAGE_SIZE) });
  const me = data?.me;

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!me) return <PageSkeleton title="Account" />;
  const canMoveCash = store.role === 'CUSTOMER';
  const transactions = me.transactions;

  return (
    <section className="page" aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
      <dl className="stats">
        <div className="stat">
          <dt>Cash balance</dt>
          <dd className="num">{formatUsd(me.balance)}</dd>
        </div>
        <div className="stat">
          <dt>Available</dt>
          <dd className="num">{formatUsd(me.portfolio.availableCash)}</dd>
        </div>
        <div className="stat">
          <dt>Reserved by open orders</dt>
          <dd className="num">{formatUsd(me.portfolio.reservedCash)}</dd>
        </div>
      </dl>
      {canMoveCash ? (
        <div className="two-columns">
          <div className="panel">
            <h2>Deposit</h2>
            <CashForm kind="DEPOSIT" availableCash={me.portfolio.availableCash} refetchQueries={['AccountPage']} />
          </div>
          <div className="panel">
            <h2>Withdraw</h2>
            <CashForm kind="WITHDRAWAL" availableCash={me.portfolio.availableCash} refetchQueries={['AccountPage']} />
          </div>
        </div>
      ) : (
        <p className="muted">Administrator accounts do not hold cash.</p>
      )}
      <h2>Ledger</h2>
      <div aria-busy={loading}>
        <LedgerTable entries={transactions.edges.map((edge) => edge.node)} caption="Cash movements, newest first" />
      </div>
      {transactions.pageInfo.hasPreviousPage || transactions.pageInfo.hasNextPage ? (
        <Pager
          label="Ledger pages"
          page={shownPage(position, transactions.pageInfo)}
          {...(transactions.totalCount ? { pages: Math.ceil(transactions.totalCount / PAGE_SIZE) } : {})}
          hasPrevious={transactions.pageInfo.hasPreviousPage}
          hasNext={transactions.pageInfo.hasNextPage}
          onPrevious={() => setPosition(previousPage(position, transactions.pageInfo))}
          onNext={() => setPosition(nextPage(position, transactions.pageInfo))}
          previousText="Newer"
          nextText="Older"
        />
      ) : null}
    </section>
  );
}
