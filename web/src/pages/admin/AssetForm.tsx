import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { useForm } from '../../auth/useForm';
import { graphql } from '../../gql';
import type { AdminAssetFragment, AssetCategory } from '../../gql/graphql';
import { parseAmount } from '../../money/decimal';
import { Field } from '../../ui/Field';
import { CATEGORIES, CATEGORY_LABELS, isCategory } from '../markets/categories';
import { assetRules } from './asset-rules';

export const AdminAssetFragmentDoc = graphql(`
  fragment AdminAsset on Asset {
    symbol
    name
    description
    category
    price
    change24h
    marketCap
    active
  }
`);

export const CreateAssetDocument = graphql(`
  mutation CreateAsset($input: CreateAssetInput!) {
    createAsset(input: $input) {
      ...AdminAsset
    }
  }
`);

export const UpdateAssetDocument = graphql(`
  mutation UpdateAsset($symbol: String!, $input: UpdateAssetInput!) {
    updateAsset(symbol: $symbol, input: $input) {
      ...AdminAsset
    }
  }
`);

type AssetField = 'symbol' | 'name' | 'description' | 'category' | 'price' | 'marketCap';

/** Adds an asset (no `asset` given) or edits one; the answer updates the cached Asset everywhere it is shown. */
export function AssetForm({ asset, onDone }: { asset?: AdminAssetFragment; onDone: () => void }) {
  const editing = asset !== undefined;
  const form = useForm<AssetField>(
    {
      symbol: asset?.symbol ?? '',
      name: asset?.name ?? '',
      description: asset?.description ?? '',
      category: asset?.category ?? 'CURRENCY',
      price: asset?.price ?? '',
      marketCap: asset?.marketCap ?? '',
    },
    {
      ...(editing ? {} : { symbol: assetRules.symbol }),
      name: assetRules.name,
      description: assetRules.description,
      price: assetRules.price,
      marketCap: assetRules.marketCap,
    },
  );
  const [error, setError] = useState<string | null>(null);
  const [createAsset, created] = useMutation(CreateAssetDocument, { refetchQueries: ['AdminPage'] });
  const [updateAsset, updated] = useMutation(UpdateAssetDocument);
  const prefix = editing ? `edit-${asset.symbol}` : 'new-asset';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!form.attemptSubmit()) return;
    const { symbol, name, description, category, price, marketCap } = form.values;
    const cleanCategory: AssetCategory = isCategory(category) ? category : 'CURRENCY';
    const cap = marketCap.trim() === '' ? null : (parseAmount(marketCap)?.toFixed() ?? null);
    const cleanPrice = parseAmount(price)?.toFixed() ?? price;
    try {
      if (editing) {
        await updateAsset({
          variables: {
            symbol: asset.symbol,
            input: {
              name: name.trim(),
              description,
              category: cleanCategory,
              ...(cleanPrice !== asset.price ? { price: cleanPrice } : {}),
              ...(cap ? { marketCap: cap } : {}),
            },
          },
        });
      } else {
        await createAsset({
          variables: {
            input: {
              symbol: symbol.trim().toUpperCase(),
              name: name.trim(),
              description,
              category: cleanCategory,
              price: cleanPrice,
              ...(cap ? { marketCap: cap } : {}),
            },
          },
        });
      }
      onDone();
    } catch (failure) {
      const summary = describeError(failure);
      if (summary.field && form.hasField(summary.field)) form.setServerError(summary.field, summary.message);
      else setError(summary.message);
    }
  };

  const descriptionError = form.error('description');
  return (
    <form className="form asset-form" onSubmit={submit} noValidate aria-label={editing ? `Edit ${asset.symbol}` : 'Add an asset'}>
      {editing ? null : <Field id={`${prefix}-symbol`} label="Symbol" autoComplete="off" error={form.error('symbol')} {...form.bind('symbol')} />}
      <Field id={`${prefix}-name`} label="Name" autoComplete="off" error={form.error('name')} {...form.bind('name')} />
      <div className="field">
        <label htmlFor={`${prefix}-category`}>Category</label>
        <select id={`${prefix}-category`} {...form.bind('category')}>
          {CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {CATEGORY_LABELS[category]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-description`}>Description</label>
        <textarea
          id={`${prefix}-description`}
          rows={3}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={descriptionError ? `${prefix}-description-error` : undefined}
          {...form.bind('description')}
        />
        {descriptionError ? (
          <p id={`${prefix}-description-error`} className="field-error">
            {descriptionError}
          </p>
        ) : null}
      </div>
      <div className="form-row">
        <Field
          id={`${prefix}-price`}
          label="Price (USD)"
          inputMode="decimal"
          autoComplete="off"
          error={form.error('price')}
          {...form.bind('price')}
        />
        <Field
          id={`${prefix}-market-cap`}
          label="Market cap (USD)"
          inputMode="decimal"
          autoComplete="off"
          error={form.error('marketCap')}
          {...form.bind('marketCap')}
        />
      </div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button primary" disabled={created.loading || updated.loading}>
          {editing ? `Save ${asset.symbol}` : 'Add asset'}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
