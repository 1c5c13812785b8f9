import { Component, type ErrorInfo, type ReactNode, Suspense } from 'react';
import { PageSkeleton } from '../ui/states';

interface BoundaryState {
  error: Error | null;
}

/** Catches what a route throws while rendering (or a chunk that failed to load), so the rest of the app keeps working. */
class ErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('A page failed to render', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="page narrow" role="alert" aria-labelledby="route-error-title">
        <h1 id="route-error-title">This page failed to load</h1>
        <p className="muted">Something went wrong while showing it. Your account and orders are not affected.</p>
        <div className="actions">
          <button type="button" className="button primary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" className="button secondary" onClick={() => window.location.reload()}>
            Reload the app
          </button>
        </div>
      </section>
    );
  }
}

/** Each route's own error boundary and loading skeleton (while its lazy chunk loads). */
export function RouteBoundary({ title, children }: { title: string; children: ReactNode }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<PageSkeleton title={title} />}>{children}</Suspense>
    </ErrorBoundary>
  );
}
