import { cursorScope, ErrorCode, userError } from '@trading/platform';
import type { LedgerQuery } from '../data/ledger';
import type { LedgerEntryFilter } from '../generated/resolvers';

/** Checks `User.transactions`' filter (BAD_USER_INPUT naming `filter.<field>`); `scope` binds its cursors to it. */
export function parseLedgerFilter(filter: LedgerEntryFilter | null | undefined): { query: LedgerQuery; scope: string } {
  const from = filter?.from?.getTime();
  const to = filter?.to?.getTime();
  if (from !== undefined && to !== undefined && from > to) {
    throw userError(ErrorCode.BAD_USER_INPUT, 'filter.from must not be after filter.to', { field: 'filter.from' });
  }
  const query: LedgerQuery = {
    ...(filter?.type ? { type: filter.type } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
  return { query, scope: cursorScope({ ...query }) };
}
