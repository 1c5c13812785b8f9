import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useSession } from '../session/SessionContext';

interface Toast {
  id: number;
  tone: 'info' | 'gain' | 'loss';
  text: string;
}

const ToastContext = createContext<(text: string, tone?: Toast['tone']) => void>(() => {});

/**
 * Short notices (fills, cancellations) in a polite live region, each gone after a few seconds or on dismiss, and all
 * gone when the session changes hands: one trader's fills are never shown to the next.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  // Whose notices these are: when the session changes hands they are dropped, during render (no effect needed).
  const userId = useSession()?.user.id ?? null;
  const [owner, setOwner] = useState(userId);
  if (owner !== userId) {
    setOwner(userId);
    setToasts([]);
  }
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (text: string, tone: Toast['tone'] = 'info') => {
      const id = next.current++;
      setToasts((current) => [...current.slice(-3), { id, tone, text }]);
      setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            <span>{toast.text}</span>
            <button type="button" className="icon-button" aria-label="Dismiss notice" onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a notice. */
export function useToast() {
  return useContext(ToastContext);
}
