import { MockedProvider, type MockedProviderProps } from '@apollo/client/testing/react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OrderForm, type OrderFormProps, PlaceOrderDocument } from './OrderForm';

const btc = { symbol: 'BTC', name: 'Bitcoin', price: '50000', active: true };

function renderForm(props: Partial<OrderFormProps> = {}, mocks: MockedProviderProps['mocks'] = []) {
  render(
    <MockedProvider mocks={mocks}>
      <OrderForm userId="u1" asset={btc} availableCash="1000.00" holding={{ quantity: '0.5', reservedQuantity: '0.1' }} {...props} />
    </MockedProvider>,
  );
  return userEvent.setup();
}

function previewValue(term: string): string {
  const preview = screen.getByLabelText('Order preview');
  const row = within(preview).getByText(term).closest('div');
  return row?.querySelector('dd')?.textContent ?? '';
}

describe('OrderForm', () => {
  it('previews the cost of a buy, rounded up to the cent, and the cash left after', async () => {
    const user = renderForm({ asset: { ...btc, price: '33333.33' } });
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.01');
    // 0.01 x 33333.33 = 333.3333 -> 333.34, as the platform charges it.
    expect(previewValue('Estimated cost')).toBe('$333.34');
    expect(previewValue('Available cash after')).toBe('$666.66');
    expect(previewValue('BTC held after')).toBe('0.51');
  });

  it('refuses a buy that costs more than the available cash, before sending it', async () => {
    const user = renderForm();
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.03');
    expect(screen.getByRole('alert')).toHaveTextContent('This costs $1,500.00, more than your available cash of $1,000.00.');
    await user.click(screen.getByRole('button', { name: 'Buy BTC' }));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('refuses a sell of more than the units not reserved by open orders', async () => {
    const user = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Sell' }));
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.45');
    expect(screen.getByRole('alert')).toHaveTextContent('You can sell at most 0.4 BTC (the rest is reserved by open orders).');
    await user.clear(screen.getByLabelText('Quantity (BTC)'));
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.4');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(previewValue('Estimated proceeds')).toBe('$20,000.00');
    expect(previewValue('Available cash after')).toBe('$21,000.00');
  });

  it('turns a USD amount into the quantity it buys, to 8 decimals', async () => {
    const user = renderForm({ asset: { ...btc, price: '30000' } });
    await user.click(screen.getByRole('radio', { name: 'USD' }));
    await user.type(screen.getByLabelText('Amount (USD)'), '100');
    expect(previewValue('Quantity')).toBe('0.00333333 BTC');
    expect(previewValue('Estimated cost')).toBe('$100.00');
    expect(previewValue('Available cash after')).toBe('$900.00');
  });

  it('checks what is typed as the trader types', async () => {
    const user = renderForm();
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.123456789');
    expect(screen.getByText('Use at most 8 decimal places.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Limit' }));
    await user.type(screen.getByLabelText('Limit price (USD)'), '0');
    expect(screen.getByText('Enter a price above zero, e.g. 25000.50.')).toBeInTheDocument();
  });

  it('previews a limit buy at its limit price', async () => {
    const user = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Limit' }));
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.02');
    await user.type(screen.getByLabelText('Limit price (USD)'), '45000');
    expect(previewValue('Limit price')).toBe('$45,000.00');
    expect(previewValue('Estimated cost')).toBe('$900.00');
  });

  it('confirms the fill the platform answered with', async () => {
    const filled = {
      __typename: 'Order',
      id: 'o1',
      side: 'BUY',
      type: 'MARKET',
      status: 'FILLED',
      quantity: '0.01',
      limitPrice: null,
      price: '50010.5',
      total: '500.11',
      createdAt: '2026-11-25T15:10:49.123Z',
      filledAt: '2026-11-25T15:10:49.200Z',
      clientOrderId: 'k1',
      asset: { __typename: 'Asset', symbol: 'BTC', name: 'Bitcoin' },
      user: {
        __typename: 'User',
        id: 'u1',
        balance: '499.89',
        holdings: [],
        portfolio: {
          __typename: 'Portfolio',
          cashBalance: '499.89',
          reservedCash: '0',
          availableCash: '499.89',
          holdingsValue: '0',
          totalValue: '499.89',
          positions: [],
        },
      },
    };
    const user = renderForm({}, [
      {
        request: {
          query: PlaceOrderDocument,
          variables: ({ input }: { input: Record<string, unknown> }) =>
            input.symbol === 'BTC' &&
            input.side === 'BUY' &&
            input.type === 'MARKET' &&
            input.quantity === '0.01' &&
            typeof input.clientOrderId === 'string',
        },
        result: { data: { placeOrder: filled } },
      },
    ]);
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.01');
    await user.click(screen.getByRole('button', { name: 'Buy BTC' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Bought 0.01 BTC at $50,010.50, paid $500.11.');
    expect(screen.getByLabelText('Quantity (BTC)')).toHaveValue('');
  });

  it('shows the server refusal when the platform says no', async () => {
    const user = renderForm({}, [
      {
        request: { query: PlaceOrderDocument, variables: () => true },
        result: { errors: [{ message: 'Not enough cash: 1000.00 available', extensions: { code: 'INSUFFICIENT_FUNDS' } }] },
      },
    ]);
    await user.type(screen.getByLabelText('Quantity (BTC)'), '0.01');
    await user.click(screen.getByRole('button', { name: 'Buy BTC' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not enough cash: 1000.00 available');
  });
});
