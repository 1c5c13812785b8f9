import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { AdminAuditEventFragment, AuditAction, AuditOutcome } from '../../gql/graphql';
import { EmptyState } from '../../ui/states';
import { formatShortDateTime } from '../../ui/time';

export const AdminAuditEventFragmentDoc = graphql(`
  fragment AdminAuditEvent on AuditEvent {
    id
    at
    action
    outcome
    actorId
    actorRole
    subjectId
    reason
    ip
    details
  }
`);

/** Every audited action in words, in the order the schema lists them (the action filter offers them so). */
export const AUDIT_ACTIONS: ReadonlyArray<readonly [AuditAction, string]> = [
  ['REGISTER', 'Registration'],
  ['LOGIN', 'Sign-in'],
  ['LOGOUT', 'Sign-out'],
  ['LOGOUT_EVERYWHERE', 'Sign-out everywhere'],
  ['TOKEN_REFRESH', 'Session refresh'],
  ['REFRESH_REUSE', 'Refresh token reused'],
  ['PASSWORD_CHANGE', 'Password change'],
  ['ADMIN_CREATED', 'Admin created'],
  ['ADMIN_ACTION', 'Admin action'],
  ['RATE_LIMITED', 'Rate limited'],
  ['FORBIDDEN_ACCESS', 'Forbidden access'],
  ['API_KEY_CREATED', 'API key created'],
  ['API_KEY_REVOKED', 'API key revoked'],
  ['API_KEY_REFUSED', 'API key refused'],
];

const ACTION_LABEL = Object.fromEntries(AUDIT_ACTIONS) as Record<AuditAction, string>;

const OUTCOME: Record<AuditOutcome, { label: string; className: string }> = {
  SUCCESS: { label: 'Success', className: 'status-filled' },
  FAILURE: { label: 'Failure', className: 'status-rejected' },
  DENIED: { label: 'Denied', className: 'status-open' },
};

const ROLE_LABEL: Record<string, string> = { ADMIN: 'admin', CUSTOMER: 'trader' };

/** A user id as a link to that user's page under Users. */
function UserLink({ id }: { id: string }) {
  return (
    <Link to={`/admin/users/${id}`} className="id">
      {id}
    </Link>
  );
}

/**
 * Audit entries, newest first: when, what and how it ended, who acted (a link to their page), the account concerned
 * (left out where every entry concerns the same account), why, from where, and the entry's context.
 */
export function AuditTable({
  events,
  caption,
  emptyText,
  showSubject = true,
}: {
  events: readonly AdminAuditEventFragment[];
  caption: string;
  emptyText: string;
  showSubject?: boolean;
}) {
  if (events.length === 0) return <EmptyState title={emptyText} />;
  return (
    <table className="table stack-on-phone audit-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Action</th>
          <th scope="col">Outcome</th>
          <th scope="col">Actor</th>
          {showSubject ? <th scope="col">Account</th> : null}
          <th scope="col">Reason</th>
          <th scope="col">Address</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td data-label="When" className="nowrap">
              {formatShortDateTime(event.at)}
            </td>
            <th scope="row" data-label="Action">
              {ACTION_LABEL[event.action] ?? event.action}
            </th>
            <td data-label="Outcome">
              <span className={`badge ${OUTCOME[event.outcome].className}`}>{OUTCOME[event.outcome].label}</span>
            </td>
            <td data-label="Actor">
              {event.actorId ? (
                <>
                  <UserLink id={event.actorId} />
                  {event.actorRole ? <span className="muted"> {ROLE_LABEL[event.actorRole] ?? event.actorRole.toLowerCase()}</span> : null}
                </>
              ) : (
                <span className="muted">Unknown</span>
              )}
            </td>
            {showSubject ? (
              <td data-label="Account">{event.subjectId ? <UserLink id={event.subjectId} /> : <span className="muted">—</span>}</td>
            ) : null}
            <td data-label="Reason">{event.reason ?? <span className="muted">—</span>}</td>
            <td data-label="Address" className="nowrap">
              {event.ip ?? <span className="muted">—</span>}
            </td>
            <td data-label="Details">{event.details ? <code className="details">{event.details}</code> : <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
