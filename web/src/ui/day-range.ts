// Filters by a range of local calendar days (YYYY-MM-DD, as `<input type="date">` has them), kept in the address:
// what the order history and the admin audit trail share.

/** The local midnight that begins a YYYY-MM-DD day; null for anything else (including 2026-02-30). */
export function startOfDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  return start.getFullYear() === year && start.getMonth() === month - 1 && start.getDate() === date ? start : null;
}

/** A day of the address: its value when it is a real day, '' otherwise (a malformed day is left out). */
export function dayParam(params: URLSearchParams, name: string): string {
  const value = params.get(name) ?? '';
  return startOfDay(value) ? value : '';
}

/** What is wrong with a range, for its `to` field; undefined when nothing is. */
export function dayRangeError(from: string, to: string): string | undefined {
  return from && to && to < from ? 'The last day comes before the first.' : undefined;
}

/**
 * A range of days as the API's instants: `from` the start of its day; `to` the start of the next day when the API
 * reads `to` as exclusive (orders placed before it), or the last millisecond of its day when inclusive (audit entries
 * at or before it). Only the ends that are set.
 */
export function dayRangeInstants(from: string, to: string, toBound: 'exclusive' | 'inclusive'): { from?: string; to?: string } {
  const start = from ? startOfDay(from) : null;
  const toDay = to ? startOfDay(to) : null;
  const end = toDay ? new Date(toDay.getFullYear(), toDay.getMonth(), toDay.getDate() + 1, 0, 0, 0, toBound === 'inclusive' ? -1 : 0) : null;
  return { ...(start ? { from: start.toISOString() } : {}), ...(end ? { to: end.toISOString() } : {}) };
}

/** The address of a filtered view, first page: only the filters that are set, in the order given. */
export function filterParams<V, K extends keyof V & string>(view: V & Record<K, string | null>, names: readonly K[]): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = view[name];
    if (value) params.set(name, value);
  }
  return params;
}
