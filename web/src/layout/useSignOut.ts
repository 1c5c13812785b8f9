import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { graphql } from '../gql';
import { signInStateAfter } from '../session/RequireAuth';
import { useSessionStore } from '../session/SessionContext';

export const SignOutDocument = graphql(`
  mutation SignOut {
    logout
  }
`);

/**
 * Signs out: ends the session on the server (its tokens stop working at once), then locally, and opens the sign-in
 * page saying so. The session is marked as ending before `logout` is sent, so the socket the router closes (4401) as it
 * ends the session does not make the app spend the refresh token. Ending it locally clears the Apollo cache and
 * disposes the graphql-ws client (see createAppClient), whether or not the server could be told.
 */
export function useSignOut(): { signOut: () => Promise<void>; signingOut: boolean } {
  const store = useSessionStore();
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(SignOutDocument);
  return {
    signingOut: loading,
    signOut: async () => {
      await store.signOut(() => logout());
      // A protected page redirects too as the session ends, with the same state (see RequireAuth).
      navigate('/signin', { replace: true, state: signInStateAfter('signed-out', `${window.location.pathname}${window.location.search}`) });
    },
  };
}
