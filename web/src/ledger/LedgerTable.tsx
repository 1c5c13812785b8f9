import { graphql } from '../gql';
import type { LedgerRowFragment } from '../gql/graphql';
import { formatUsd } from '../money/format';
import { EmptyState } from '../ui/states';
import { formatShortDateTime } from '../ui/time';
import { Pnl } from '../ui/Pnl';

export const LedgerRowFragmentDoc = graphql(`
  fragment LedgerRow on LedgerEntry {
    id
    type
    amount
    balanceAfter
    createdAt
    orderId
  }
`);

const TYPE_LABEL: Record<LedgerRowFragment['type'], string> = { DEPOSIT: 'Deposit', WITHDRAWAL: 'Withdrawal', BUY: 'Buy', SELL: 'Sell' };

/** Cash movements, newest first: what, how much (signed) and the balance after. */
export function LedgerTable({ entries, caption }: { entries: readonly LedgerRowFragment[]; caption: string }) {
  if (entries.length === 0) return <EmptyState title="No cash movements yet.">Deposit cash from your account page to start trading.</EmptyState>;
  return (
    <table className="table stack-on-phone">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Balance after
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td data-label="Date" className="nowrap">
              {formatShortDateTime(entry.createdAt)}
            </td>
            <td data-label="Type">{TYPE_LABEL[entry.type]}</td>
            <td data-label="Amount" className="num">
              <Pnl value={entry.amount} />
            </td>
            <td data-label="Balance after" className="num">
              {formatUsd(entry.balanceAfter)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
