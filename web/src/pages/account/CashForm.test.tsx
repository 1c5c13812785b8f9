import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CashForm, type CashFormProps, DepositDocument, WithdrawDocument } from './CashForm';

function renderForm(props: CashFormProps, mocks: MockedProviderProps['mocks'] = []) {
  render(
    <MockedProvider mocks={mocks}>
      <CashForm {...props} />
    </MockedProvider>,
  );
  return userEvent.setup();
}

const entry = (type: 'DEPOSIT' | 'WITHDRAWAL', amount: string, balanceAfter: string) => ({
  __typename: 'LedgerEntry',
  id: 'l1',
  type,
  amount,
  balanceAfter,
  createdAt: '2026-11-25T15:10:49.123Z',
  orderId: null,
});

describe('CashForm', () => {
  it('checks a deposit as the trader types: a positive amount in dollars and cents, at most $10,000,000', async () => {
    const user = renderForm({ kind: 'DEPOSIT', availableCash: '0' });
    const amount = screen.getByLabelText('Amount to deposit (USD)');
    await user.type(amount, 'abc');
    expect(screen.getByText('Enter an amount above zero, e.g. 250.00.')).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '10.005');
    expect(screen.getByText('Use dollars and cents (at most 2 decimal places).')).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '10000000.01');
    expect(screen.getByText('Deposit at most $10,000,000.00 at a time.')).toBeInTheDocument();
    await user.clear(amount);
    await user.type(amount, '250.50');
    expect(amount).not.toHaveAttribute('aria-invalid');
  });

  it('refuses to withdraw more than the available cash', async () => {
    const user = renderForm({ kind: 'WITHDRAWAL', availableCash: '100.10' });
    await user.type(screen.getByLabelText('Amount to withdraw (USD)'), '100.11');
    expect(screen.getByText('You can withdraw at most $100.10 (your available cash).')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('asks for an amount when the trader sends an empty form', async () => {
    const user = renderForm({ kind: 'DEPOSIT', availableCash: '0' });
    await user.click(screen.getByRole('button', { name: 'Deposit' }));
    expect(screen.getByText('Enter an amount.')).toBeInTheDocument();
  });

  it('deposits with an idempotency key and shows the new balance', async () => {
    const user = renderForm({ kind: 'DEPOSIT', availableCash: '0.10' }, [
      {
        request: {
          query: DepositDocument,
          variables: ({ amount, idempotencyKey }: { amount: string; idempotencyKey?: string }) =>
            amount === '0.20' && /^[0-9a-f]{32}$/.test(idempotencyKey ?? ''),
        },
        result: { data: { deposit: entry('DEPOSIT', '0.20', '0.30') } },
      },
    ]);
    await user.type(screen.getByLabelText('Amount to deposit (USD)'), '0.2');
    await user.click(screen.getByRole('button', { name: 'Deposit' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Deposited $0.20. Balance: $0.30.');
    expect(screen.getByLabelText('Amount to deposit (USD)')).toHaveValue('');
  });

  it('shows the server refusal of a withdrawal', async () => {
    const user = renderForm({ kind: 'WITHDRAWAL', availableCash: '50' }, [
      {
        request: { query: WithdrawDocument, variables: () => true },
        result: { errors: [{ message: 'Not enough available cash: 20.00', extensions: { code: 'INSUFFICIENT_FUNDS' } }] },
      },
    ]);
    await user.type(screen.getByLabelText('Amount to withdraw (USD)'), '40');
    await user.click(screen.getByRole('button', { name: 'Withdraw' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not enough available cash: 20.00');
  });
});
