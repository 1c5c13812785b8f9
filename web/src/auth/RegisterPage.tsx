import { Link, useLocation, useNavigate } from 'react-router';
import type { SessionPayloadFragment } from '../gql/graphql';
import { useSessionStore } from '../session/SessionContext';
import { RegisterForm } from './RegisterForm';
import { returnPath } from './return-path';

export default function RegisterPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const store = useSessionStore();

  const registered = (payload: SessionPayloadFragment) => {
    store.signIn(payload);
    navigate(returnPath(location.state, '/account'), { replace: true });
  };

  return (
    <section className="page narrow" aria-labelledby="register-title">
      <h1 id="register-title">Create your account</h1>
      <RegisterForm onRegistered={registered} />
      <p className="muted">
        Already registered?{' '}
        <Link to="/signin" state={location.state}>
          Sign in
        </Link>
      </p>
    </section>
  );
}
