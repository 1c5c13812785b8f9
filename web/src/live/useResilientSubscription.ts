import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { reconnectDelayMs } from '../apollo/live-connection';

interface Options<TData, TVariables extends OperationVariables> {
  variables: TVariables;
  skip?: boolean;
  onData?: (data: TData) => void;
  /** Called after a restart, so the caller can read the current state it may have missed (e.g. SUBSCRIPTION_OVERFLOW). */
  onRestart?: () => void;
}

/**
 * A subscription that comes back by itself. graphql-ws already reconnects and resubscribes after a dropped socket;
 * this covers the router ending one subscription (UPSTREAM_UNAVAILABLE, SUBSCRIPTION_OVERFLOW) or the socket closing
 * for a token that has since been refreshed (4401): it restarts with backoff, 1 s up to 30 s. Results go to the
 * cache (and `onData`) without re-rendering the component that subscribes.
 */
export function useResilientSubscription<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  { variables, skip = false, onData, onRestart }: Options<TData, TVariables>,
): void {
  const [failures, setFailures] = useState(0);
  const callbacks = useRef({ onData, onRestart });
  useEffect(() => {
    callbacks.current = { onData, onRestart };
  });
  const fail = () => setFailures((count) => count + 1);
  const { restart } = useSubscription(document, {
    variables,
    skip,
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data) callbacks.current.onData?.(data.data);
    },
    onError: fail,
    onComplete: fail,
  } as useSubscription.Options<TData, TVariables>);

  useEffect(() => {
    if (failures === 0 || skip) return;
    const timer = setTimeout(
      () => {
        restart();
        callbacks.current.onRestart?.();
      },
      reconnectDelayMs(failures - 1),
    );
    return () => clearTimeout(timer);
  }, [failures, restart, skip]);
}
