import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { useSignOut } from '../../layout/useSignOut';
import { FIRST_PAGE, type PagePosition, pageVariables } from '../../ui/Pager';
import { PageSkeleton, QueryError } from '../../ui/states';
import { formatDateTime } from '../../ui/time';
import { ApiKeys } from './ApiKeys';
import { PasswordForm } from './PasswordForm';
import { ProfileForm } from './ProfileForm';
import { SECURITY_EVENTS_PAGE_SIZE, SecurityEvents } from './SecurityEvents';
import { SignOutEverywhere } from './SignOutEverywhere';

export const ProfilePageDocument = graphql(`
  query ProfilePage($first: Int, $after: String, $last: Int, $before: String) {
    me {
      ...ProfileFields
      apiKeys {
        ...ApiKeyRow
      }
      securityEvents(first: $first, after: $after, last: $last, before: $before) {
        edges {
          node {
            ...SecurityEventRow
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
      }
    }
  }
`);

/** The profile, the password, API keys, security events and signing out: one query, also for each page of events. */
export default function ProfilePage() {
  // Where the page of security events shown starts or ends (opaque cursors from the API).
  const [position, setPosition] = useState<PagePosition>(FIRST_PAGE);
  const { data, previousData, error, loading, refetch } = useQuery(ProfilePageDocument, {
    variables: pageVariables(position, SECURITY_EVENTS_PAGE_SIZE),
  });
  const { signOut, signingOut } = useSignOut();
  // While another page of events loads, the page keeps showing the one before.
  const me = (data ?? (loading ? previousData : undefined))?.me;

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
      <div className="panel profile-section">
        <h2>API keys</h2>
        <ApiKeys userId={me.id} keys={me.apiKeys} canCreate={me.role === 'CUSTOMER'} />
      </div>
      <div className="panel profile-section">
        <h2>Security</h2>
        <p className="muted">Sign-ins (failed ones too), sign-outs, password changes and what happened to your API keys, newest first.</p>
        <SecurityEvents
          events={me.securityEvents.edges.map((edge) => edge.node)}
          pageInfo={me.securityEvents.pageInfo}
          position={position}
          onMove={setPosition}
          loading={loading}
        />
      </div>
      <div className="two-columns">
        <div className="panel">
          <h2>Sign out</h2>
          <p className="muted">Ends this session on the server: its tokens stop working at once.</p>
          <button type="button" className="button secondary" onClick={() => void signOut()} disabled={signingOut}>
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
        <div className="panel">
          <h2>Sign out everywhere</h2>
          <SignOutEverywhere />
        </div>
      </div>
    </section>
  );
}
