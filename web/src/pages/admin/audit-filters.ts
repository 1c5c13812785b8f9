import type { AuditAction, AuditEventFilter } from '../../gql/graphql';
import { startOfDay } from '../orders/order-filters';
import { AUDIT_ACTIONS } from './AuditTable';

/** The audit trail's filters as the address keeps them: `/admin/audit?actor=01J…&action=LOGIN&from=2026-11-01&to=2026-11-30`. */
export interface AuditView {
  /** A user id: only what this user did. */
  actor: string;
  action: AuditAction | null;
  /** A local calendar day, YYYY-MM-DD: entries at or after its start. */
  from: string;
  /** A local calendar day, YYYY-MM-DD: entries at or before its end. */
  to: string;
}

/** The filter parameters, in the order the address shows them; the page (`after` or `before`, and `page`) comes last. */
const FILTER_PARAMS = ['actor', 'action', 'from', 'to'] as const;

export const EMPTY_AUDIT_VIEW: AuditView = { actor: '', action: null, from: '', to: '' };

/** The platform's ids: ULIDs, 26 letters and digits of Crockford's base32 (the API refuses anything else). */
const USER_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The filters in the address; an unknown action or a malformed day is left out, an actor kept (and checked). */
export function readAuditView(params: URLSearchParams): AuditView {
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return startOfDay(value) ? value : '';
  };
  const action = params.get('action')?.toUpperCase();
  return {
    actor: (params.get('actor') ?? '').trim().toUpperCase(),
    action: AUDIT_ACTIONS.find(([option]) => option === action)?.[0] ?? null,
    from: day('from'),
    to: day('to'),
  };
}

/** The address of a view, first page: only the filters that are set. */
export function auditViewParams(view: AuditView): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = view[name];
    if (value) params.set(name, value);
  }
  return params;
}

/** What is wrong with a view before it is asked for, by field; empty when nothing is. */
export function checkAuditView(view: AuditView): Partial<Record<'actor' | 'to', string>> {
  const errors: Partial<Record<'actor' | 'to', string>> = {};
  if (view.actor && !USER_ID.test(view.actor)) errors.actor = 'Enter a user id: 26 letters and digits, as a user’s page shows it.';
  if (view.from && view.to && view.to < view.from) errors.to = 'The last day comes before the first.';
  return errors;
}

/** The API's filter for a view: days become instants, from the start of `from` to the last moment of `to` (local time). */
export function auditFilter(view: AuditView): AuditEventFilter {
  const from = view.from ? startOfDay(view.from) : null;
  const toDay = view.to ? startOfDay(view.to) : null;
  const to = toDay ? new Date(toDay.getFullYear(), toDay.getMonth(), toDay.getDate() + 1, 0, 0, 0, -1) : null;
  return {
    ...(view.actor ? { actor: view.actor } : {}),
    ...(view.action ? { action: view.action } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
  };
}

/** Whether any filter is set. */
export function isAuditFiltered(view: AuditView): boolean {
  return FILTER_PARAMS.some((name) => Boolean(view[name]));
}
