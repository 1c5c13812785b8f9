import { useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { DayRangeFields } from '../../ui/DayRangeFields';
import { Field } from '../../ui/Field';
import { nextPage, type PagePosition, Pager, pageVariables, previousPage, shownPage } from '../../ui/Pager';
import { QueryError } from '../../ui/states';
import { AdminNav, AdminSkeleton } from './AdminNav';
import { auditFilter, auditViewParams, type AuditView, checkAuditView, isAuditFiltered, readAuditView } from './audit-filters';
import { AUDIT_ACTIONS, AuditTable } from './AuditTable';
import { Select } from '../../ui/Select';
import { readPosition, withPosition } from '../../ui/url-paging';

export const AdminAuditPageDocument = graphql(`
  query AdminAuditPage($filter: AuditEventFilter, $first: Int, $after: String, $last: Int, $before: String) {
    auditEvents(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      edges {
        node {
          ...AdminAuditEvent
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
`);

const PAGE_SIZE = 20;

const isInvalid = (view: AuditView) => Object.keys(checkAuditView(view)).length > 0;
const sameView = (a: AuditView, b: AuditView) => a.actor === b.actor && a.action === b.action && a.from === b.from && a.to === b.to;

/**
 * The audit trail's filters: edited here, applied on "Show entries" (one request per choice, not per key); the page
 * keeps what is applied in the address, and the form follows it (back and forward) without remounting.
 */
function AuditFilters({ applied, onApply }: { applied: AuditView; onApply: (view: AuditView) => void }) {
  const [draft, setDraft] = useState(applied);
  const [shown, setShown] = useState(applied);
  // A view from the address that cannot be asked for shows what is wrong at once.
  const [checked, setChecked] = useState(() => isInvalid(applied));
  if (!sameView(shown, applied)) {
    setShown(applied);
    setDraft(applied);
    setChecked(isInvalid(applied));
  }
  const errors = checked ? checkAuditView(draft) : {};
  const update = (changes: Partial<AuditView>) => setDraft((previous) => ({ ...previous, ...changes }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const view = { ...draft, actor: draft.actor.trim().toUpperCase() };
    setChecked(true);
    setDraft(view);
    if (isInvalid(view)) return;
    onApply(view);
  };

  return (
    <form className="filters" aria-label="Filter the audit trail" onSubmit={submit} noValidate>
      <Field
        id="audit-actor"
        label="Actor (user id)"
        hint="As a user's page shows it."
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="wide"
        value={draft.actor}
        error={errors.actor}
        onChange={(event) => update({ actor: event.target.value })}
      />
      <Select
        id="audit-action"
        label="Action"
        any="Any action"
        value={draft.action}
        options={AUDIT_ACTIONS}
        onChange={(action) => update({ action })}
      />
      <DayRangeFields idPrefix="audit" from={draft.from} to={draft.to} error={errors.to} onChange={update} />
      <div className="filters-actions">
        <button type="submit" className="button primary">
          Show entries
        </button>
        {isAuditFiltered(applied) ? (
          <Link to="/admin/audit" className="button secondary">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The platform's security audit trail, newest first, filtered by actor, action and the days it happened (local time),
 * 20 a page. The filters and the page are the address (`/admin/audit?actor=…&action=LOGIN&from=2026-11-01&after=…`),
 * so a view can be shared, reloaded and walked back with the browser.
 */
export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const view = readAuditView(params);
  const position = readPosition(params);
  const invalid = isInvalid(view);
  const { data, previousData, error, loading, refetch } = useQuery(AdminAuditPageDocument, {
    variables: { filter: auditFilter(view), ...pageVariables(position, PAGE_SIZE) },
    skip: invalid,
  });
  const goTo = (to: PagePosition) => setParams(withPosition(auditViewParams(view), to));
  // While another page or filter loads, the one on screen stays (marked busy).
  const events = (data ?? (loading ? previousData : undefined))?.auditEvents;
  const filtered = isAuditFiltered(view);

  // A first load shows the skeleton; a refused filter keeps the form, so it can be corrected.
  if (!events && !error && !invalid) return <AdminSkeleton title="Audit trail" />;

  return (
    <>
      <AdminNav />
      <section className="page" aria-labelledby="audit-title">
        <h1 id="audit-title">Audit trail</h1>
        <p className="muted">
          Sign-ins, sign-outs, refreshes, password changes, API keys, admin actions and refusals, newest first. Entries are never changed.
        </p>
        <AuditFilters applied={view} onApply={(applied) => setParams(auditViewParams(applied))} />
        {invalid ? (
          <p className="alert alert-error" role="alert">
            These filters cannot be shown: correct them above.
          </p>
        ) : null}
        {error && !events ? <QueryError error={error} onRetry={() => void refetch()} /> : null}
        {events ? (
          <div aria-busy={loading}>
            <AuditTable
              events={events.edges.map((edge) => edge.node)}
              caption={filtered ? 'Audit entries matching the filters, newest first' : 'Every audit entry, newest first'}
              emptyText={events.pageInfo.hasPreviousPage ? 'No more entries.' : filtered ? 'No entries match these filters.' : 'No entries yet.'}
            />
            {events.pageInfo.hasPreviousPage || events.pageInfo.hasNextPage ? (
              <Pager
                label="Audit trail pages"
                page={shownPage(position, events.pageInfo)}
                hasPrevious={events.pageInfo.hasPreviousPage && events.pageInfo.startCursor !== null}
                hasNext={events.pageInfo.hasNextPage && events.pageInfo.endCursor !== null}
                onPrevious={() => goTo(previousPage(position, events.pageInfo))}
                onNext={() => goTo(nextPage(position, events.pageInfo))}
                previousText="Newer"
                nextText="Older"
              />
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}
