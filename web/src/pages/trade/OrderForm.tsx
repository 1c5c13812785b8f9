import { useMutation } from '@apollo/client/react';
import { type FormEvent, useRef, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { graphql } from '../../gql';
import type { PlaceOrderMutation } from '../../gql/graphql';
import { parseAmount } from '../../money/decimal';
import { formatPrice, formatQuantity, formatUsd } from '../../money/format';
import { addToOpenOrders } from '../../orders/account-after-trade';
import { newRequestKey } from '../../ui/request-key';
import { Choice } from '../../ui/Choice';
import { Outcome, type FormOutcome } from '../../ui/states';
import { type AmountUnit, checkOrder, type OrderDraft, type OrderKind, type Side, type TradingPosition } from './order-math';

// `reservedCash` because an OPEN order joins the cached open-order lists (OpenOrder): a missing field would refetch them.
export const PlaceOrderDocument = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      ...OrderRow
      clientOrderId
      reservedCash
      user {
        ...AccountAfterTrade
      }
    }
  }
`);

type PlacedOrder = PlaceOrderMutation['placeOrder'];

export interface OrderFormProps {
  userId: string;
  asset: { symbol: string; name: string; price: string; active: boolean };
  availableCash: string;
  holding: { quantity: string; reservedQuantity: string } | null;
}

const EMPTY_DRAFT: OrderDraft = { side: 'BUY', type: 'MARKET', unit: 'QUANTITY', amount: '', limitPrice: '' };

/** What the trader reads once the platform has taken the order. */
export function confirmation(order: PlacedOrder): string {
  const units = `${formatQuantity(order.quantity)} ${order.asset.symbol}`;
  if (order.status === 'FILLED' && order.price && order.total) {
    return order.side === 'BUY'
      ? `Bought ${units} at ${formatPrice(order.price)}, paid ${formatUsd(order.total)}.`
      : `Sold ${units} at ${formatPrice(order.price)}, received ${formatUsd(order.total)}.`;
  }
  if (order.status === 'OPEN' && order.limitPrice) {
    return `Limit order placed: ${order.side === 'BUY' ? 'buy' : 'sell'} ${units} at ${formatPrice(order.limitPrice)}. It fills when the price gets there.`;
  }
  return `Order ${order.status.toLowerCase()}.`;
}

/**
 * Buy or sell, at market or with a limit, by quantity or by USD amount. The preview shows what the order costs (or
 * pays) and the cash left after, and the order is refused here when the cash or the units are not there; the server
 * checks again. Each submission carries a clientOrderId, reused if the same order is retried after a network failure.
 */
export function OrderForm({ userId, asset, availableCash, holding }: OrderFormProps) {
  const [draft, setDraft] = useState<OrderDraft>(EMPTY_DRAFT);
  const [touched, setTouched] = useState({ amount: false, limitPrice: false });
  const [result, setResult] = useState<FormOutcome | null>(null);
  const clientOrderId = useRef<string | null>(null);
  const [placeOrder, { loading }] = useMutation(PlaceOrderDocument);

  const position: TradingPosition = {
    symbol: asset.symbol,
    price: asset.price,
    availableCash,
    heldQuantity: holding?.quantity ?? '0',
    reservedQuantity: holding?.reservedQuantity ?? '0',
  };
  const check = checkOrder(draft, position);
  const update = (changes: Partial<OrderDraft>) => {
    setDraft((previous) => ({ ...previous, ...changes }));
    // A different order needs a different clientOrderId; only a retry of the same one may reuse it.
    clientOrderId.current = null;
    setResult(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched({ amount: true, limitPrice: true });
    if (!check.preview || check.refusal) return;
    clientOrderId.current ??= newRequestKey();
    try {
      const { data } = await placeOrder({
        variables: {
          input: {
            symbol: asset.symbol,
            side: draft.side,
            type: draft.type,
            quantity: check.preview.quantity.toFixed(),
            ...(draft.type === 'LIMIT' ? { limitPrice: check.preview.unitPrice.toFixed() } : {}),
            clientOrderId: clientOrderId.current,
          },
        },
        update: (cache, { data: placed }) => {
          if (placed?.placeOrder.status === 'OPEN') addToOpenOrders(cache, userId, placed.placeOrder);
        },
      });
      clientOrderId.current = null;
      if (data) {
        setResult({ tone: 'success', text: confirmation(data.placeOrder) });
        setDraft((previous) => ({ ...previous, amount: '' }));
        setTouched({ amount: false, limitPrice: false });
      }
    } catch (error) {
      const summary = describeError(error);
      // A refusal used no key; a network failure may have placed the order, so the same key is kept for a retry.
      if (summary.code) clientOrderId.current = null;
      setResult({ tone: 'error', text: summary.message });
    }
  };

  const preview = check.preview;
  const limitPrice = draft.type === 'LIMIT' && !check.errors.limitPrice ? parseAmount(draft.limitPrice) : null;
  const amountLabel = draft.unit === 'USD' ? 'Amount (USD)' : `Quantity (${asset.symbol})`;
  const amountError = touched.amount ? check.errors.amount : undefined;
  const limitError = touched.limitPrice ? check.errors.limitPrice : undefined;

  return (
    <form className="form order-form" onSubmit={submit} noValidate aria-label={`Order ${asset.symbol}`}>
      <Choice<Side>
        legend="Side"
        name="side"
        value={draft.side}
        options={[
          ['BUY', 'Buy'],
          ['SELL', 'Sell'],
        ]}
        onChange={(side) => update({ side })}
      />
      <Choice<OrderKind>
        legend="Order type"
        name="type"
        value={draft.type}
        options={[
          ['MARKET', 'Market'],
          ['LIMIT', 'Limit'],
        ]}
        onChange={(type) => update({ type })}
      />
      <Choice<AmountUnit>
        legend="Amount in"
        name="unit"
        value={draft.unit}
        options={[
          ['QUANTITY', asset.symbol],
          ['USD', 'USD'],
        ]}
        onChange={(unit) => update({ unit, amount: '' })}
      />
      <div className="field">
        <label htmlFor="order-amount">{amountLabel}</label>
        <input
          id="order-amount"
          inputMode="decimal"
          autoComplete="off"
          value={draft.amount}
          aria-invalid={amountError ? true : undefined}
          aria-describedby={amountError ? 'order-amount-error' : undefined}
          onChange={(event) => {
            update({ amount: event.target.value });
            setTouched((previous) => ({ ...previous, amount: true }));
          }}
        />
        {amountError ? (
          <p id="order-amount-error" className="field-error">
            {amountError}
          </p>
        ) : null}
      </div>
      {draft.type === 'LIMIT' ? (
        <div className="field">
          <label htmlFor="order-limit-price">Limit price (USD)</label>
          <input
            id="order-limit-price"
            inputMode="decimal"
            autoComplete="off"
            value={draft.limitPrice}
            aria-invalid={limitError ? true : undefined}
            aria-describedby={limitError ? 'order-limit-price-error' : undefined}
            onChange={(event) => {
              update({ limitPrice: event.target.value });
              setTouched((previous) => ({ ...previous, limitPrice: true }));
            }}
          />
          {limitError ? (
            <p id="order-limit-price-error" className="field-error">
              {limitError}
            </p>
          ) : null}
        </div>
      ) : null}

      <dl className="preview" aria-label="Order preview">
        <div>
          <dt>{draft.type === 'LIMIT' ? 'Limit price' : 'Market price'}</dt>
          <dd className="num">{draft.type === 'LIMIT' ? (limitPrice ? formatPrice(limitPrice) : '—') : formatPrice(asset.price)}</dd>
        </div>
        <div>
          <dt>Quantity</dt>
          <dd className="num">{preview ? `${formatQuantity(preview.quantity)} ${asset.symbol}` : '—'}</dd>
        </div>
        <div>
          <dt>{draft.side === 'BUY' ? 'Estimated cost' : 'Estimated proceeds'}</dt>
          <dd className="num">{preview ? formatUsd(preview.total) : '—'}</dd>
        </div>
        <div>
          <dt>Available cash</dt>
          <dd className="num">{formatUsd(availableCash)}</dd>
        </div>
        <div>
          <dt>Available cash after</dt>
          <dd className="num">{preview ? formatUsd(preview.availableCashAfter) : '—'}</dd>
        </div>
        <div>
          <dt>{asset.symbol} held after</dt>
          <dd className="num">{preview ? formatQuantity(preview.unitsAfter) : formatQuantity(position.heldQuantity)}</dd>
        </div>
      </dl>
      {draft.type === 'MARKET' ? (
        <p className="field-hint">A market order fills at once at the price of the moment, which may differ slightly.</p>
      ) : null}

      {check.refusal && preview ? (
        <p className="alert alert-error" role="alert">
          {check.refusal}
        </p>
      ) : null}
      <Outcome result={result} />
      <button type="submit" className={`button ${draft.side === 'BUY' ? 'buy' : 'sell'}`} disabled={loading || !asset.active}>
        {loading ? 'Sending…' : `${draft.side === 'BUY' ? 'Buy' : 'Sell'} ${asset.symbol}`}
      </button>
      {asset.active ? null : <p className="field-hint">{asset.name} is delisted: it cannot be traded.</p>}
    </form>
  );
}
