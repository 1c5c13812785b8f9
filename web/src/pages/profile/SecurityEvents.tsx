import { graphql } from '../../gql';
import type { AuditAction, AuditOutcome, SecurityEventRowFragment } from '../../gql/graphql';
import { type PagePosition, type PageSides, Pager, nextPage, previousPage, shownPage } from '../../ui/Pager';
import { EmptyState } from '../../ui/states';
import { formatShortDateTime } from '../../ui/time';

export const SecurityEventRowFragmentDoc = graphql(`
  fragment SecurityEventRow on AuditEvent {
    id
    at
    action
    outcome
    reason
    ip
  }
`);

/** Security events shown per page (`me.securityEvents(first:)`). */
export const SECURITY_EVENTS_PAGE_SIZE = 20;

const ACTION_LABEL: Record<AuditAction, string> = {
  REGISTER: 'Registration',
  LOGIN: 'Sign-in',
  LOGOUT: 'Sign-out',
  LOGOUT_EVERYWHERE: 'Sign-out everywhere',
  TOKEN_REFRESH: 'Session refresh',
  REFRESH_REUSE: 'Refresh token reused',
  PASSWORD_CHANGE: 'Password change',
  ADMIN_CREATED: 'Admin account created',
  ADMIN_ACTION: 'Admin action',
  RATE_LIMITED: 'Too many requests',
  FORBIDDEN_ACCESS: 'Access refused',
  API_KEY_CREATED: 'API key created',
  API_KEY_REVOKED: 'API key revoked',
  API_KEY_REFUSED: 'API key refused',
};

const OUTCOME: Record<AuditOutcome, { label: string; className: string }> = {
  SUCCESS: { label: 'Succeeded', className: 'status-filled' },
  FAILURE: { label: 'Failed', className: 'status-rejected' },
  DENIED: { label: 'Refused', className: 'status-rejected' },
};

/** A reason code in words: "WRONG_PASSWORD" → "Wrong password". */
function reasonInWords(reason: string): string {
  const words = reason.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface SecurityEventsProps {
  events: readonly SecurityEventRowFragment[];
  pageInfo: PageSides & { hasNextPage: boolean; hasPreviousPage: boolean };
  position: PagePosition;
  onMove: (position: PagePosition) => void;
  loading: boolean;
}

/** The account's security events, newest first, a page at a time (the page's query reads the page asked for). */
export function SecurityEvents({ events, pageInfo, position, onMove, loading }: SecurityEventsProps) {
  return (
    <>
      <div aria-busy={loading}>
        {events.length === 0 ? (
          <EmptyState title="No security events yet." />
        ) : (
          <table className="table stack-on-phone">
            <caption className="visually-hidden">Security events of your account, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">Reason</th>
                <th scope="col">IP address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td data-label="Time" className="nowrap">
                    {formatShortDateTime(event.at)}
                  </td>
                  <td data-label="Action">{ACTION_LABEL[event.action] ?? event.action}</td>
                  <td data-label="Outcome">
                    <span className={`badge ${OUTCOME[event.outcome]?.className ?? ''}`}>{OUTCOME[event.outcome]?.label ?? event.outcome}</span>
                  </td>
                  <td data-label="Reason">{event.reason ? reasonInWords(event.reason) : '—'}</td>
                  <td data-label="IP address" className="ip">
                    {event.ip ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {pageInfo.hasPreviousPage || pageInfo.hasNextPage ? (
        <Pager
          label="Security event pages"
          page={shownPage(position, pageInfo)}
          hasPrevious={pageInfo.hasPreviousPage}
          hasNext={pageInfo.hasNextPage}
          onPrevious={() => onMove(previousPage(position, pageInfo))}
          onNext={() => onMove(nextPage(position, pageInfo))}
          previousText="Newer"
          nextText="Older"
        />
      ) : null}
    </>
  );
}
