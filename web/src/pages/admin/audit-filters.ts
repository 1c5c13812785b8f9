import type { AuditAction, AuditEventFilter } from '../../gql/graphql';
import { dayParam, dayRangeError, dayRangeInstants, filterParams } from '../../ui/day-range';
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
  const action = params.get('action')?.toUpperCase();
  return {
    actor: (params.get('actor') ?? '').trim().toUpperCase(),
    action: AUDIT_ACTIONS.find(([option]) => option === action)?.[0] ?? null,
    from: dayParam(params, 'from'),
    to: dayParam(params, 'to'),
  };
}

/** The address of a view, first page: only the filters that are set. */
export function auditViewParams(view: AuditView): URLSearchParams {
  return filterParams(view, FILTER_PARAMS);
}

/** What is wrong with a view before it is asked for, by field; empty when nothing is. */
export function checkAuditView(view: AuditView): Partial<Record<'actor' | 'to', string>> {
  const errors: Partial<Record<'actor' | 'to', string>> = {};
  if (view.actor && !USER_ID.test(view.actor)) errors.actor = 'Enter a user id: 26 letters and digits, as a user’s page shows it.';
  const range = dayRangeError(view.from, view.to);
  if (range) errors.to = range;
  return errors;
}

/** The API's filter for a view: days become instants, from the start of `from` to the last moment of `to` (local time). */
export function auditFilter(view: AuditView): AuditEventFilter {
  return {
    ...(view.actor ? { actor: view.actor } : {}),
    ...(view.action ? { action: view.action } : {}),
    // The API's `to` is inclusive: entries at or before the last moment of the day.
    ...dayRangeInstants(view.from, view.to, 'inclusive'),
  };
}

/** Whether any filter is set. */
export function isAuditFiltered(view: AuditView): boolean {
  return FILTER_PARAMS.some((name) => Boolean(view[name]));
}
