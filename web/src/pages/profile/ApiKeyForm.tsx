import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { useForm } from '../../auth/useForm';
import { graphql } from '../../gql';
import type { ApiScope, CreateApiKeyMutation } from '../../gql/graphql';
import { Field } from '../../ui/Field';
import { Outcome, type FormOutcome } from '../../ui/states';
import { allowlistEntries, allowlistRule, API_SCOPES, expiryInstant, expiryRule, MAX_ALLOWED_IPS, nameRule, today } from './api-key-rules';

export const ApiKeyRowFragmentDoc = graphql(`
  fragment ApiKeyRow on ApiKey {
    id
    name
    scopes
    createdAt
    lastUsedAt
    expiresAt
    allowedIps
  }
`);

export const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        ...ApiKeyRow
      }
    }
  }
`);

export type CreatedApiKey = CreateApiKeyMutation['createApiKey'];

type KeyField = 'name' | 'expiresOn' | 'allowedIps';
const EMPTY = { name: '', expiresOn: '', allowedIps: '' };
/** The API's names for the fields (BAD_USER_INPUT's `extensions.field`) and the form's. */
const FORM_FIELD: Record<string, KeyField | 'scopes'> = { name: 'name', scopes: 'scopes', expiresAt: 'expiresOn', allowedIps: 'allowedIps' };

/**
 * Creates an API key: a name, its scopes (READ by default), an optional last day and an optional allowlist. The new
 * key goes to the top of the cached `me.apiKeys` at once (the page's query is read again too, for the security event
 * its creation made); its secret goes to `onCreated` only, since the answer holds it this once.
 */
export function ApiKeyForm({ userId, onCreated }: { userId: string; onCreated: (created: CreatedApiKey) => void }) {
  const form = useForm<KeyField>(EMPTY, { name: nameRule, expiresOn: (value: string) => expiryRule(value), allowedIps: allowlistRule });
  const [scopes, setScopes] = useState<ApiScope[]>(['READ']);
  const [scopesError, setScopesError] = useState<string | null>(null);
  const [result, setResult] = useState<FormOutcome | null>(null);
  const [createApiKey, { loading }] = useMutation(CreateApiKeyDocument, {
    refetchQueries: ['ProfilePage'],
    update(cache, { data }) {
      const created = data?.createApiKey.apiKey;
      if (!created) return;
      const added = cache.identify({ __typename: 'ApiKey', id: created.id });
      cache.modify<{ apiKeys: Reference[] }>({
        id: cache.identify({ __typename: 'User', id: userId }),
        fields: {
          apiKeys: (existing, { toReference }) => {
            const reference = added ? toReference(added) : undefined;
            return reference && !existing.some((key) => key.__ref === reference.__ref) ? [reference, ...existing] : existing;
          },
        },
      });
    },
  });

  const toggle = (scope: ApiScope, checked: boolean) => {
    setScopes((previous) => API_SCOPES.map((entry) => entry.scope).filter((s) => (s === scope ? checked : previous.includes(s))));
    setScopesError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const valid = form.attemptSubmit();
    if (scopes.length === 0) setScopesError('Choose at least one scope.');
    if (!valid || scopes.length === 0) return;
    const expiresAt = form.values.expiresOn ? expiryInstant(form.values.expiresOn)?.toISOString() : undefined;
    const allowedIps = allowlistEntries(form.values.allowedIps);
    try {
      const { data } = await createApiKey({
        variables: {
          input: { name: form.values.name.trim(), scopes, ...(expiresAt ? { expiresAt } : {}), ...(allowedIps.length ? { allowedIps } : {}) },
        },
      });
      if (!data) return;
      form.reset();
      setScopes(['READ']);
      onCreated(data.createApiKey);
    } catch (error) {
      const summary = describeError(error);
      const field = summary.field ? FORM_FIELD[summary.field.replace(/^input\./, '')] : undefined;
      if (field === 'scopes') setScopesError(summary.message);
      else if (field) form.setServerError(field, summary.message);
      else setResult({ tone: 'error', text: summary.message });
    }
  };

  const scopesErrorId = scopesError ? 'api-key-scopes-error' : undefined;
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Create an API key">
      <Field
        id="api-key-name"
        label="Name"
        autoComplete="off"
        maxLength={64}
        hint="To tell your keys apart, e.g. the program that uses it."
        error={form.error('name')}
        {...form.bind('name')}
      />
      <fieldset className="checks" aria-describedby={scopesErrorId}>
        <legend>Scopes: what the key may do</legend>
        {API_SCOPES.map(({ scope, label, explanation }) => {
          const id = `api-key-scope-${scope.toLowerCase()}`;
          return (
            <div className="check" key={scope}>
              <input
                type="checkbox"
                id={id}
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.target.checked)}
                aria-describedby={[`${id}-hint`, scopesErrorId].filter(Boolean).join(' ')}
                aria-invalid={scopesError ? true : undefined}
              />
              <label htmlFor={id}>{label}</label>
              <p id={`${id}-hint`} className="field-hint">
                {explanation}
              </p>
            </div>
          );
        })}
        <p className="field-hint">No key can change your password or profile, manage keys or sign out: those need you, signed in.</p>
        {scopesError ? (
          <p id={scopesErrorId} className="field-error">
            {scopesError}
          </p>
        ) : null}
      </fieldset>
      <Field
        id="api-key-expires"
        label="Expiry date (optional)"
        type="date"
        min={today()}
        hint="The key works until the end of this day, your time. Leave it empty: it works until you revoke it."
        error={form.error('expiresOn')}
        {...form.bind('expiresOn')}
      />
      <TextAreaField
        id="api-key-allowed-ips"
        label="Allowed addresses (optional)"
        hint={`One IP address or CIDR range per line, at most ${MAX_ALLOWED_IPS}, e.g. 203.0.113.7 or 2001:db8::/32. Leave it empty: any address.`}
        error={form.error('allowedIps')}
        {...form.bind('allowedIps')}
      />
      <Outcome result={result} />
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}

interface TextAreaFieldProps {
  id: string;
  label: string;
  hint: string;
  error: string | null;
  name: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  onBlur: () => void;
}

/** A labelled textarea, with its hint and error tied to it as `Field` ties an input's. */
function TextAreaField({ id, label, hint, error, ...textarea }: TextAreaFieldProps) {
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
      <p id={`${id}-hint`} className="field-hint">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
