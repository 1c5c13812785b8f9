import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { Fragment, useEffect, useRef, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { graphql } from '../../gql';
import type { ApiKeyRowFragment } from '../../gql/graphql';
import { EmptyState } from '../../ui/states';
import { formatShortDateTime } from '../../ui/time';
import { scopeNames } from './api-key-rules';

export const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id)
  }
`);

const COLUMNS = 7;

/**
 * The trader's keys, newest first: name, scopes, when created, last used and expiring, and where from; each with a
 * Revoke button that asks first. A revoked key leaves the cached `me.apiKeys` at once (and the page's query is read
 * again, for the security event); `onRevoked` then tells the trader and moves the focus.
 */
export function ApiKeyList({
  userId,
  keys,
  onRevoked,
}: {
  userId: string;
  keys: readonly ApiKeyRowFragment[];
  onRevoked: (key: ApiKeyRowFragment, revokedNow: boolean) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  // Expired keys are marked as of the page's opening (the API refuses them from their expiry on regardless).
  const [openedAt] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const revokeButtons = useRef(new Map<string, HTMLButtonElement>());
  const [revokeApiKey, { loading }] = useMutation(RevokeApiKeyDocument, { refetchQueries: ['ProfilePage'] });

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const ask = (id: string) => {
    setError(null);
    setConfirming(id);
  };
  const keep = (id: string) => {
    setConfirming(null);
    revokeButtons.current.get(id)?.focus();
  };
  const revoke = async (key: ApiKeyRowFragment) => {
    setError(null);
    try {
      const { data } = await revokeApiKey({
        variables: { id: key.id },
        // Revoked now, or already (false): either way it no longer works, so it leaves the list.
        update(cache) {
          cache.modify<{ apiKeys: Reference[] }>({
            id: cache.identify({ __typename: 'User', id: userId }),
            fields: {
              apiKeys: (existing, { readField }) => existing.filter((reference) => readField('id', reference) !== key.id),
            },
          });
          cache.evict({ id: cache.identify({ __typename: 'ApiKey', id: key.id }) });
        },
      });
      setConfirming(null);
      onRevoked(key, data?.revokeApiKey === true);
    } catch (failure) {
      setError(`The key “${key.name}” was not revoked: ${describeError(failure).message}`);
    }
  };

  return (
    <div>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {keys.length === 0 ? (
        <EmptyState title="No API keys.">Create one above for a trading bot or a partner app.</EmptyState>
      ) : (
        <table className="table stack-on-phone">
          <caption className="visually-hidden">Your API keys, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">Allowed from</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const expired = key.expiresAt !== null && Date.parse(key.expiresAt) <= openedAt;
              return (
                <Fragment key={key.id}>
                  <tr>
                    <th scope="row" data-label="Name" className="key-name">
                      {key.name}
                    </th>
                    <td data-label="Scopes">{scopeNames(key.scopes)}</td>
                    <td data-label="Created" className="nowrap">
                      {formatShortDateTime(key.createdAt)}
                    </td>
                    <td data-label="Last used" className="nowrap">
                      {key.lastUsedAt ? formatShortDateTime(key.lastUsedAt) : 'never'}
                    </td>
                    <td data-label="Expires" className="nowrap">
                      {key.expiresAt ? formatShortDateTime(key.expiresAt) : 'never'}
                      {expired ? (
                        <>
                          {' '}
                          <span className="badge status-cancelled">Expired</span>
                        </>
                      ) : null}
                    </td>
                    <td data-label="Allowed from">{key.allowedIps.length ? key.allowedIps.join(', ') : 'any address'}</td>
                    <td data-label="Actions">
                      <button
                        type="button"
                        className="button secondary small"
                        aria-label={`Revoke ${key.name}`}
                        aria-expanded={confirming === key.id}
                        ref={(button) => {
                          if (button) revokeButtons.current.set(key.id, button);
                          else revokeButtons.current.delete(key.id);
                        }}
                        onClick={() => ask(key.id)}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                  {confirming === key.id ? (
                    <tr className="edit-row">
                      <td colSpan={COLUMNS}>
                        <div className="confirm" role="group" aria-labelledby={`revoke-${key.id}-question`}>
                          <p id={`revoke-${key.id}-question`}>
                            Revoke “{key.name}”? Programs using it are refused from now on, and this cannot be undone.
                          </p>
                          <div className="row-actions">
                            <button
                              type="button"
                              className="button sell small"
                              ref={confirmButton}
                              aria-describedby={`revoke-${key.id}-question`}
                              disabled={loading}
                              onClick={() => void revoke(key)}
                            >
                              {loading ? 'Revoking…' : 'Yes, revoke it'}
                            </button>
                            <button type="button" className="button secondary small" disabled={loading} onClick={() => keep(key.id)}>
                              Keep it
                            </button>
                          </div>
                        </div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
