import type { ReactNode } from 'react';
import { describeError } from '../apollo/errors';

/** Grey placeholder lines while a page loads. */
export function Skeleton({ lines = 3, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}

/** A page's loading state: a title bar and a few blocks. */
export function PageSkeleton({ title }: { title: string }) {
  return (
    <section className="page" aria-busy="true" aria-label={title}>
      <div className="skeleton-title" aria-hidden="true" />
      <Skeleton lines={6} label={`Loading ${title.toLowerCase()}`} />
    </section>
  );
}

/** What an empty list says, with what to do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children ? <div className="muted">{children}</div> : null}
    </div>
  );
}

/** A failed query, with a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { message } = describeError(error);
  return (
    <div className="alert alert-error" role="alert">
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** What a form's last submission came to, as the form shows it. */
export type FormOutcome = { tone: 'success' | 'error'; text: string };

/** A form's outcome: a polite status when it worked, an alert when it did not; nothing before the first try. */
export function Outcome({ result }: { result: FormOutcome | null }) {
  if (!result) return null;
  return (
    <p className={`alert ${result.tone === 'success' ? 'alert-success' : 'alert-error'}`} role={result.tone === 'success' ? 'status' : 'alert'}>
      {result.text}
    </p>
  );
}
