import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describeError } from '../apollo/errors';
import { graphql } from '../gql';
import type { SessionPayloadFragment } from '../gql/graphql';
import { Field } from '../ui/Field';
import { useForm } from './useForm';
import { requiredRule } from './validation';

export const SignInDocument = graphql(`
  mutation SignIn($input: LoginInput!) {
    login(input: $input) {
      ...SessionPayload
    }
  }
`);

/** Username (or email) and password; a refusal from the server is shown above the button. */
export function SignInForm({ onSignedIn }: { onSignedIn: (payload: SessionPayloadFragment) => void }) {
  const form = useForm(
    { username: '', password: '' },
    { username: requiredRule('Enter your username or email.'), password: requiredRule('Enter your password.') },
  );
  const [serverError, setServerError] = useState<string | null>(null);
  const [signIn, { loading }] = useMutation(SignInDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    if (!form.attemptSubmit()) return;
    try {
      const { data } = await signIn({ variables: { input: { username: form.values.username.trim(), password: form.values.password } } });
      if (data) onSignedIn(data.login);
    } catch (error) {
      const summary = describeError(error);
      setServerError(summary.code === 'UNAUTHENTICATED' ? 'Wrong username or password.' : summary.message);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Sign in">
      <Field id="signin-username" label="Username or email" autoComplete="username" error={form.error('username')} {...form.bind('username')} />
      <Field
        id="signin-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={form.error('password')}
        {...form.bind('password')}
      />
      {serverError ? (
        <p className="alert alert-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
