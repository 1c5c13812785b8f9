import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { describeError } from '../../apollo/errors';
import { useForm } from '../../auth/useForm';
import { emailRule, nameRule, phoneRule } from '../../auth/validation';
import { graphql } from '../../gql';
import type { ProfileFieldsFragment } from '../../gql/graphql';
import { Outcome, type FormOutcome } from '../../ui/states';
import { Field } from '../../ui/Field';

export const ProfileFieldsFragmentDoc = graphql(`
  fragment ProfileFields on User {
    id
    username
    email
    firstName
    lastName
    phone
    role
    createdAt
  }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      ...ProfileFields
    }
  }
`);

type ProfileField = 'firstName' | 'lastName' | 'email' | 'phone';

/** Names, email and phone; only what changed is sent. The answer updates the cached User, so the page shows it at once. */
export function ProfileForm({ profile }: { profile: ProfileFieldsFragment }) {
  const initial = { firstName: profile.firstName, lastName: profile.lastName, email: profile.email, phone: profile.phone ?? '' };
  const form = useForm<ProfileField>(initial, {
    firstName: nameRule('first name'),
    lastName: nameRule('last name'),
    email: emailRule,
    phone: phoneRule,
  });
  const [result, setResult] = useState<FormOutcome | null>(null);
  const [updateProfile, { loading }] = useMutation(UpdateProfileDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (!form.attemptSubmit()) return;
    const changes: Partial<Record<ProfileField, string>> = {};
    for (const field of Object.keys(initial) as ProfileField[]) {
      const value = form.values[field].trim();
      if (value !== initial[field]) changes[field] = value;
    }
    if (Object.keys(changes).length === 0) {
      setResult({ tone: 'success', text: 'Nothing to save: no field changed.' });
      return;
    }
    try {
      await updateProfile({ variables: { input: changes } });
      setResult({ tone: 'success', text: 'Profile saved.' });
    } catch (error) {
      const summary = describeError(error);
      if (summary.field && form.hasField(summary.field)) form.setServerError(summary.field, summary.message);
      else setResult({ tone: 'error', text: summary.message });
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Edit profile">
      <div className="form-row">
        <Field id="profile-first-name" label="First name" autoComplete="given-name" error={form.error('firstName')} {...form.bind('firstName')} />
        <Field id="profile-last-name" label="Last name" autoComplete="family-name" error={form.error('lastName')} {...form.bind('lastName')} />
      </div>
      <Field id="profile-email" label="Email" type="email" autoComplete="email" error={form.error('email')} {...form.bind('email')} />
      <Field
        id="profile-phone"
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        hint="Leave empty to remove it."
        error={form.error('phone')}
        {...form.bind('phone')}
      />
      <Outcome result={result} />
      <button type="submit" className="button primary" disabled={loading}>
        {loading ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
}
