import { type Ref, useState } from 'react';
import type { CreatedApiKey } from './ApiKeyForm';

/** What the copy button came to: copied, or how to copy by hand where the page may not write to the clipboard. */
type CopyResult = { ok: boolean; text: string } | null;

async function copyToClipboard(text: string): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The secret of the key just created, shown this once: the app keeps it nowhere but here (not in the cache, not in
 * storage), so it is gone once dismissed or after a reload. Its heading takes the focus when it appears.
 */
export function NewKeySecret({ created, headingRef, onDone }: { created: CreatedApiKey; headingRef: Ref<HTMLHeadingElement>; onDone: () => void }) {
  const [copied, setCopied] = useState<CopyResult>(null);

  const copy = async () => {
    const ok = await copyToClipboard(created.secret);
    setCopied(
      ok
        ? { ok, text: 'Copied to the clipboard.' }
        : { ok, text: 'This browser did not let the page copy it: select the secret in the box and copy it yourself.' },
    );
  };

  return (
    <section className="secret-box" aria-labelledby="new-key-title">
      <h3 id="new-key-title" tabIndex={-1} ref={headingRef}>
        Key “{created.apiKey.name}” created
      </h3>
      <p id="new-key-warning">
        <strong>Copy its secret now: it will not be shown again.</strong> The platform keeps only a hash of it. Store it like a password and send it
        as <code>Authorization: ApiKey &lt;secret&gt;</code>.
      </p>
      <div className="field">
        <label htmlFor="new-key-secret">Secret</label>
        <div className="secret-row">
          <input
            id="new-key-secret"
            className="secret"
            readOnly
            value={created.secret}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="new-key-warning"
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button primary" onClick={() => void copy()}>
            Copy secret
          </button>
        </div>
      </div>
      <p role="status" className={copied ? `alert ${copied.ok ? 'alert-success' : 'alert-error'}` : 'visually-hidden'}>
        {copied?.text ?? ''}
      </p>
      <button type="button" className="button secondary" onClick={onDone}>
        I have stored it: hide the secret
      </button>
    </section>
  );
}
