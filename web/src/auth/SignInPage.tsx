import { Link, useLocation, useNavigate } from 'react-router';
import type { SessionPayloadFragment } from '../gql/graphql';
import type { SignInState } from '../session/RequireAuth';
import { useSessionStore } from '../session/SessionContext';
import { returnPath } from './return-path';
import { SignInForm } from './SignInForm';

export default function SignInPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const store = useSessionStore();
  const message = (location.state as SignInState | null)?.message;

  const signedIn = (payload: SessionPayloadFragment) => {
    store.signIn(payload);
    navigate(returnPath(location.state), { replace: true });
  };

  return (
    <section className="page narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      {message ? (
        <p className="alert alert-info" role="status">
          {message}
        </p>
      ) : null}
      <SignInForm onSignedIn={signedIn} />
      <p className="muted">
        New here?{' '}
        <Link to="/register" state={location.state}>
          Create an account
        </Link>
      </p>
    </section>
  );
}
