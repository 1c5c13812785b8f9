import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import type { ReconciliationMismatchKind } from '../../gql/graphql';
import { Pager } from '../../ui/Pager';
import { QueryError } from '../../ui/states';
import { AdminNav, AdminSkeleton } from './AdminNav';

export const AdminReconciliationPageDocument = graphql(`
  query AdminReconciliationPage($first: Int, $after: String) {
    reconciliation(first: $first, after: $after) {
      usersChecked
      mismatches {
        user {
          id
          username
        }
        kind
        subject
        expected
        actual
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        endCursor
      }
    }
  }
`);

const PAGE_SIZE = 20;

/** Each kind of mismatch in words: what does not add up. */
export const MISMATCH_LABEL: Record<ReconciliationMismatchKind, string> = {
  NEGATIVE_BALANCE: 'Cash balance below zero',
  BALANCE_NOT_LEDGER_SUM: 'Cash balance is not the sum of the ledger',
  LEDGER_CHAIN_BROKEN: 'Ledger entry does not follow from the one before',
  LEDGER_SEQUENCE_GAP: 'Ledger entries missing or miscounted',
  NEGATIVE_HOLDING: 'Holding below zero',
  HOLDING_NOT_FILLS: 'Holding differs from the filled orders',
  FILL_WITHOUT_LEDGER_ENTRY: 'Filled order without exactly one ledger entry',
  LEDGER_ENTRY_WITHOUT_FILL: 'Trade in the ledger without a filled order',
  FILL_AMOUNT_MISMATCH: "Fill's total differs from its ledger entry",
  RESERVED_NOT_OPEN_ORDERS: 'Reserved amount differs from the open limit orders',
  OVER_RESERVED: 'More reserved than the account holds',
  FILL_BEYOND_LIMIT: 'Limit order filled beyond its limit or reservation',
};

/**
 * The books' check, a page of users at a time (20): the ledger is a gap-free chain ending at the cash balance,
 * holdings equal the fills, nothing is negative, fills and ledger entries match one to one. The API pages forward
 * only, so the address keeps the cursor of every page before this one (`?after=…&after=…`): Next adds this page's end,
 * Previous drops the last; a view can be shared and reloaded.
 */
export default function ReconciliationPage() {
  const [params, setParams] = useSearchParams();
  const trail = params.getAll('after').filter(Boolean);
  const { data, previousData, error, loading, refetch } = useQuery(AdminReconciliationPageDocument, {
    variables: { first: PAGE_SIZE, after: trail.at(-1) ?? null },
  });
  const report = (data ?? (loading ? previousData : undefined))?.reconciliation;
  const goTo = (cursors: string[]) => setParams(new URLSearchParams(cursors.map((cursor) => ['after', cursor])));

  if (!report && !error) return <AdminSkeleton title="Reconciliation" />;
  const users = (count: number) => `${count} ${count === 1 ? 'user' : 'users'}`;
  const endCursor = report?.pageInfo.endCursor ?? null;

  return (
    <>
      <AdminNav />
      <section className="page" aria-labelledby="reconciliation-title">
        <div className="section-head">
          <h1 id="reconciliation-title">Reconciliation</h1>
          <button type="button" className="button secondary" disabled={loading} onClick={() => void refetch()}>
            Check again
          </button>
        </div>
        <p className="muted">
          Checks each user's books: the ledger is a gap-free chain ending at the cash balance, holdings equal the filled orders, nothing is negative,
          and fills and ledger entries match one to one.
        </p>
        {error && !report ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {report ? (
          <div aria-busy={loading}>
            <div role="status">
              {report.mismatches.length === 0 ? (
                <p className="alert alert-success balanced">
                  <strong>The books balance.</strong> {users(report.usersChecked)} checked{trail.length > 0 ? ' on this page' : ''}, no mismatch
                  found.
                </p>
              ) : (
                <p className="alert alert-error">
                  <strong>
                    {report.mismatches.length} {report.mismatches.length === 1 ? 'mismatch' : 'mismatches'}
                  </strong>{' '}
                  among {users(report.usersChecked)} checked{trail.length > 0 ? ' on this page' : ''}.
                </p>
              )}
            </div>
            {report.mismatches.length > 0 ? (
              <table className="table stack-on-phone">
                <caption className="visually-hidden">What does not add up, by user</caption>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Mismatch</th>
                    <th scope="col">Concerns</th>
                    <th scope="col" className="num">
                      The records say
                    </th>
                    <th scope="col" className="num">
                      Stored
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.mismatches.map((mismatch, index) => (
                    <tr key={`${mismatch.user.id} ${mismatch.kind} ${mismatch.subject} ${index}`}>
                      <th scope="row" data-label="User">
                        <Link to={`/admin/users/${mismatch.user.id}`}>{mismatch.user.username}</Link>
                      </th>
                      <td data-label="Mismatch">{MISMATCH_LABEL[mismatch.kind] ?? mismatch.kind}</td>
                      <td data-label="Concerns" className="break">
                        {mismatch.subject}
                      </td>
                      <td data-label="The records say" className="num">
                        {mismatch.expected}
                      </td>
                      <td data-label="Stored" className="num">
                        {mismatch.actual}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {trail.length > 0 || report.pageInfo.hasNextPage ? (
              <Pager
                label="Reconciliation pages"
                page={trail.length + 1}
                hasPrevious={trail.length > 0}
                hasNext={report.pageInfo.hasNextPage && endCursor !== null}
                onPrevious={() => goTo(trail.slice(0, -1))}
                onNext={() => endCursor && goTo([...trail, endCursor])}
                previousText="Previous users"
                nextText="Next users"
              />
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}
