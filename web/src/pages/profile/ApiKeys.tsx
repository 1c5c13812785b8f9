import { useEffect, useRef, useState } from 'react';
import type { ApiKeyRowFragment } from '../../gql/graphql';
import { ApiKeyForm, type CreatedApiKey } from './ApiKeyForm';
import { ApiKeyList } from './ApiKeyList';
import { NewKeySecret } from './NewKeySecret';

/**
 * API keys for programs acting for the trader: the form to create one, the secret of the one just created (shown this
 * once, focused as it appears), and the list of keys with their revoke buttons. What an action came to is announced
 * in one polite live region above the list; after a revocation (or hiding the secret) the focus moves to the list.
 */
export function ApiKeys({ userId, keys, canCreate }: { userId: string; keys: readonly ApiKeyRowFragment[]; canCreate: boolean }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const secretHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (created) secretHeading.current?.focus();
  }, [created]);

  const onCreated = (key: CreatedApiKey) => {
    setCreated(key);
    setAnnouncement(`Key “${key.apiKey.name}” created and listed below.`);
  };
  const onRevoked = (key: ApiKeyRowFragment, revokedNow: boolean) => {
    if (created?.apiKey.id === key.id) setCreated(null);
    setAnnouncement(revokedNow ? `Key “${key.name}” revoked: programs using it are refused from now on.` : `Key “${key.name}” was already revoked.`);
    listHeading.current?.focus();
  };
  const hideSecret = () => {
    setCreated(null);
    setAnnouncement('The secret is hidden: it cannot be shown again.');
    listHeading.current?.focus();
  };

  return (
    <>
      <p className="muted">
        A key lets a program (a trading bot, a partner app) use the API for you with the scopes you give it and nothing more, without your password.
      </p>
      {created ? <NewKeySecret created={created} headingRef={secretHeading} onDone={hideSecret} /> : null}
      {canCreate ? (
        <>
          <h3>New key</h3>
          <ApiKeyForm userId={userId} onCreated={onCreated} />
        </>
      ) : (
        <p className="muted">API keys are for trader accounts: an administrator account cannot create one.</p>
      )}
      <h3 tabIndex={-1} ref={listHeading} className="keys-title">
        Your keys
      </h3>
      <p role="status" className={announcement ? 'alert alert-success' : 'visually-hidden'}>
        {announcement}
      </p>
      <ApiKeyList userId={userId} keys={keys} onRevoked={onRevoked} />
    </>
  );
}
