import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { useForm } from '../../auth/useForm';
import { passwordRule, requiredRule } from '../../auth/validation';
import { graphql } from '../../gql';
import { Outcome, type FormOutcome } from '../../ui/states';
import { Field } from '../../ui/Field';

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';
const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** Changes the password; the platform ends every other session of the account, this one stays signed in. */
export function PasswordForm() {
  const form = useForm<PasswordField>(EMPTY, {
    currentPassword: requiredRule('Enter your current password.'),
    newPassword: (value, values) =>
      passwordRule(value) ?? (value === values.currentPassword ? 'Choose a password different from the current one.' : null),
    confirmPassword: (value, values) => (value === '' ? 'Repeat the new password.' : value === values.newPassword ? null : 'The passwords differ.'),
  });
  const [result, setResult] = useState<FormOutcome | null>(null);
  const [changePassword, { loading }] = useMutation(ChangePasswordDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (!form.attemptSubmit()) return;
    try {
      await changePassword({ variables: { input: { currentPassword: form.values.currentPassword, newPassword: form.values.newPassword } } });
      form.reset();
      setResult({ tone: 'success', text: 'Password changed. Your other sessions were signed out.' });
    } catch (error) {
      const summary = describeError(error);
      if (summary.field && form.hasField(summary.field))
        form.setServerError(summary.field, summary.field === 'currentPassword' ? 'This is not your current password.' : summary.message);
      else setResult({ tone: 'error', text: summary.message });
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Change password">
      <Field
        id="password-current"
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={form.error('currentPassword')}
        {...form.bind('currentPassword')}
      />
      <Field
        id="password-new"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters"
        error={form.error('newPassword')}
        {...form.bind('newPassword')}
      />
      <Field
        id="password-confirm"
        label="Repeat new password"
        type="password"
        autoComplete="new-password"
        error={form.error('confirmPassword')}
        {...form.bind('confirmPassword')}
      />
      <Outcome result={result} />
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
