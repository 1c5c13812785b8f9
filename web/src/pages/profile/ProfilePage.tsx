import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { useSignOut } from '../../layout/useSignOut';
import { PageSkeleton, QueryError } from '../../ui/states';
import { formatDateTime } from '../../ui/time';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';

export const ProfilePageDocument = graphql(`
  query ProfilePage {
    me {
      ...ProfileFields
    }
  }
`);

export default function ProfilePage() {
  const { data, error, refetch } = useQuery(ProfilePageDocument);
  const { signOut, signingOut } = useSignOut();
  const me = data?.me;

  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (!me) return <PageSkeleton title="Profile" />;

  return (
    <section className="page" aria-labelledby="profile-title">
      <h1 id="profile-title">Profile</h1>
      <dl className="stats">
        <div className="stat">
          <dt>Username</dt>
          <dd>{me.username}</dd>
        </div>
        <div className="stat">
          <dt>Role</dt>
          <dd>{me.role === 'ADMIN' ? 'Administrator' : 'Trader'}</dd>
        </div>
        <div className="stat">
          <dt>Member since</dt>
          <dd>{formatDateTime(me.createdAt)}</dd>
        </div>
      </dl>
      <div className="two-columns">
        <div className="panel">
          <h2>Your details</h2>
          <ProfileForm key={me.id} profile={me} />
        </div>
        <div className="panel">
          <h2>Password</h2>
          <PasswordForm />
        </div>
      </div>
      <div className="panel">
        <h2>Sign out</h2>
        <p className="muted">Ends this session on the server: its tokens stop working at once.</p>
        <button type="button" className="button secondary" onClick={() => void signOut()} disabled={signingOut}>
          {signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </section>
  );
}
