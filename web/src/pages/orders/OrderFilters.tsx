import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { DayRangeFields } from '../../ui/DayRangeFields';
import { Field } from '../../ui/Field';
import { Select } from '../../ui/Select';
import { checkOrderView, isFiltered, type OrderView, SIDES, STATUSES, TYPES } from './order-filters';

/**
 * The order history's filters. Edited here, applied on "Show orders" (one request per choice, not per key); the page
 * keeps what is applied in the address. Mount it with a key of the applied view, so back and forward show theirs.
 */
export function OrderFilters({ applied, onApply }: { applied: OrderView; onApply: (view: OrderView) => void }) {
  const [draft, setDraft] = useState(applied);
  const [checked, setChecked] = useState(false);
  const errors = checked ? checkOrderView(draft) : {};
  const update = (changes: Partial<OrderView>) => setDraft((previous) => ({ ...previous, ...changes }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const view = { ...draft, asset: draft.asset.trim().toUpperCase() };
    setChecked(true);
    if (Object.keys(checkOrderView(view)).length > 0) return;
    onApply(view);
  };

  return (
    <form className="filters" aria-label="Filter orders" onSubmit={submit} noValidate>
      <Field
        id="orders-asset"
        label="Asset"
        placeholder="Symbol, e.g. BTC"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        value={draft.asset}
        error={errors.asset}
        onChange={(event) => update({ asset: event.target.value })}
      />
      <Select id="orders-side" label="Side" any="Buys and sells" value={draft.side} options={SIDES} onChange={(side) => update({ side })} />
      <Select id="orders-type" label="Type" any="Any type" value={draft.type} options={TYPES} onChange={(type) => update({ type })} />
      <Select id="orders-status" label="Status" any="Any status" value={draft.status} options={STATUSES} onChange={(status) => update({ status })} />
      <DayRangeFields idPrefix="orders" from={draft.from} to={draft.to} error={errors.to} onChange={update} />
      <div className="filters-actions">
        <button type="submit" className="button primary">
          Show orders
        </button>
        {isFiltered(applied) ? (
          <Link to="/orders" className="button secondary">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
