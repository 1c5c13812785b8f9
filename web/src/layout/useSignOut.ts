import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { graphql } from '../gql';
import { useSessionStore } from '../session/SessionContext';

export const SignOutDocument = graphql(`
  mutation SignOut {
    logout
  }
`);

/**
 * Signs out: ends the session on the server (its tokens stop working at once), then locally. Ending it locally clears
 * the Apollo cache and disposes the graphql-ws client (see createAppClient), whether or not the server could be told.
 */
export function useSignOut(): { signOut: () => Promise<void>; signingOut: boolean } {
  const store = useSessionStore();
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(SignOutDocument);
  return {
    signingOut: loading,
    signOut: async () => {
      try {
        await logout();
      } catch {
        // Already ended or unreachable: the local session ends anyway.
      }
      store.end('signed-out');
      navigate('/signin', { replace: true, state: { message: 'You signed out.' } });
    },
  };
}
