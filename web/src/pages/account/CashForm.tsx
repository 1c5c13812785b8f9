import { useMutation } from '@apollo/client/react';
import { type FormEvent, useRef, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { graphql } from '../../gql';
import { formatUsd } from '../../money/format';
import { Field } from '../../ui/Field';
import { newRequestKey } from '../../ui/request-key';
import { Outcome, type FormOutcome } from '../../ui/states';
import { type CashMovement, checkCashAmount } from './cash-rules';

export const DepositDocument = graphql(`
  mutation Deposit($amount: Decimal!, $idempotencyKey: String) {
    deposit(amount: $amount, idempotencyKey: $idempotencyKey) {
      ...LedgerRow
    }
  }
`);

export const WithdrawDocument = graphql(`
  mutation Withdraw($amount: Decimal!, $idempotencyKey: String) {
    withdraw(amount: $amount, idempotencyKey: $idempotencyKey) {
      ...LedgerRow
    }
  }
`);

export interface CashFormProps {
  kind: CashMovement;
  availableCash: string;
  /** Queries to refetch once the money moved (the page's own, for the balance and the ledger). */
  refetchQueries?: string[];
}

/**
 * Deposit or withdraw cash, validated as the trader types. Each request carries an idempotency key, kept while the
 * same amount is retried after a network failure, so a retry never moves the money twice.
 */
export function CashForm({ kind, availableCash, refetchQueries = [] }: CashFormProps) {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [result, setResult] = useState<FormOutcome | null>(null);
  const requestKey = useRef<string | null>(null);
  const [deposit, depositState] = useMutation(DepositDocument);
  const [withdraw, withdrawState] = useMutation(WithdrawDocument);
  const loading = depositState.loading || withdrawState.loading;
  const check = checkCashAmount(kind, text, availableCash);
  const isDeposit = kind === 'DEPOSIT';
  const id = isDeposit ? 'deposit-amount' : 'withdraw-amount';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!check.amount) return;
    requestKey.current ??= newRequestKey();
    const variables = { amount: check.amount.toFixed(2), idempotencyKey: requestKey.current };
    try {
      const options = { variables, refetchQueries, awaitRefetchQueries: true };
      const { data } = isDeposit ? await deposit(options) : await withdraw(options);
      const entry = data && ('deposit' in data ? data.deposit : 'withdraw' in data ? data.withdraw : null);
      requestKey.current = null;
      setText('');
      setTouched(false);
      if (entry)
        setResult({
          tone: 'success',
          text: `${isDeposit ? 'Deposited' : 'Withdrew'} ${formatUsd(variables.amount)}. Balance: ${formatUsd(entry.balanceAfter)}.`,
        });
    } catch (error) {
      const summary = describeError(error);
      if (summary.code) requestKey.current = null;
      setResult({ tone: 'error', text: summary.message });
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={isDeposit ? 'Deposit cash' : 'Withdraw cash'}>
      <Field
        id={id}
        label={isDeposit ? 'Amount to deposit (USD)' : 'Amount to withdraw (USD)'}
        inputMode="decimal"
        autoComplete="off"
        value={text}
        hint={isDeposit ? `Up to $10,000,000 at a time.` : `Available: ${formatUsd(availableCash)}`}
        error={touched ? check.error : null}
        onChange={(event) => {
          setText(event.target.value);
          setTouched(true);
          setResult(null);
          requestKey.current = null;
        }}
      />
      <Outcome result={result} />
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? 'Sending…' : isDeposit ? 'Deposit' : 'Withdraw'}
      </button>
    </form>
  );
}
