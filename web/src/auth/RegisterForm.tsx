import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describeError } from '../apollo/errors';
import { graphql } from '../gql';
import type { SessionPayloadFragment } from '../gql/graphql';
import { Field } from '../ui/Field';
import { useForm } from './useForm';
import { emailRule, nameRule, passwordRule, phoneRule, usernameRule } from './validation';

export const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...SessionPayload
    }
  }
`);

type RegisterField = 'username' | 'email' | 'password' | 'confirmPassword' | 'firstName' | 'lastName' | 'phone';

/** A new account; the trader is signed in as soon as the server accepts it. */
export function RegisterForm({ onRegistered }: { onRegistered: (payload: SessionPayloadFragment) => void }) {
  const form = useForm<RegisterField>(
    { username: '', email: '', password: '', confirmPassword: '', firstName: '', lastName: '', phone: '' },
    {
      username: usernameRule,
      email: emailRule,
      password: passwordRule,
      confirmPassword: (value, values) => (value === '' ? 'Repeat the password.' : value === values.password ? null : 'The passwords differ.'),
      firstName: nameRule('first name'),
      lastName: nameRule('last name'),
      phone: phoneRule,
    },
  );
  const [serverError, setServerError] = useState<string | null>(null);
  const [register, { loading }] = useMutation(RegisterDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    if (!form.attemptSubmit()) return;
    const { username, email, password, firstName, lastName, phone } = form.values;
    try {
      const { data } = await register({
        variables: {
          input: {
            username,
            email: email.trim(),
            password,
            firstName: firstName.trim(),
            lastName: lastName.trim(),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
          },
        },
      });
      if (data) onRegistered(data.register);
    } catch (error) {
      const summary = describeError(error);
      if (summary.field && form.hasField(summary.field)) form.setServerError(summary.field, summary.message);
      else setServerError(summary.message);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Register">
      <div className="form-row">
        <Field id="register-first-name" label="First name" autoComplete="given-name" error={form.error('firstName')} {...form.bind('firstName')} />
        <Field id="register-last-name" label="Last name" autoComplete="family-name" error={form.error('lastName')} {...form.bind('lastName')} />
      </div>
      <Field
        id="register-username"
        label="Username"
        autoComplete="username"
        hint="3 to 30 letters, digits, _ . or -"
        error={form.error('username')}
        {...form.bind('username')}
      />
      <Field id="register-email" label="Email" type="email" autoComplete="email" error={form.error('email')} {...form.bind('email')} />
      <Field
        id="register-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters"
        error={form.error('password')}
        {...form.bind('password')}
      />
      <Field
        id="register-confirm-password"
        label="Repeat password"
        type="password"
        autoComplete="new-password"
        error={form.error('confirmPassword')}
        {...form.bind('confirmPassword')}
      />
      <Field id="register-phone" label="Phone (optional)" type="tel" autoComplete="tel" error={form.error('phone')} {...form.bind('phone')} />
      {serverError ? (
        <p className="alert alert-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
