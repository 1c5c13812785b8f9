import type { ApiScope } from '../../gql/graphql';

/** The scopes a key may hold, in the order the form offers them, each with what it allows in one line. */
export const API_SCOPES: ReadonlyArray<{ scope: ApiScope; label: string; explanation: string }> = [
  { scope: 'READ', label: 'Read', explanation: 'See your balance, ledger, orders, holdings and portfolio, and follow your order updates.' },
  { scope: 'TRADE', label: 'Trade', explanation: 'Place and cancel orders.' },
  { scope: 'TRANSFER', label: 'Transfer', explanation: 'Deposit and withdraw cash.' },
];

/** The scopes as the list shows them: "Read, Trade". */
export function scopeNames(scopes: readonly ApiScope[]): string {
  return API_SCOPES.filter((entry) => scopes.includes(entry.scope))
    .map((entry) => entry.label)
    .join(', ');
}

const NAME_LENGTH = 64;
/** The platform's limit on a key's allowlist. */
export const MAX_ALLOWED_IPS = 20;

export function nameRule(value: string): string | null {
  const name = value.trim();
  if (name === '') return 'Name the key, e.g. "market maker bot".';
  return name.length > NAME_LENGTH ? `Use at most ${NAME_LENGTH} characters.` : null;
}

/** Today as a date input's value (local time), e.g. "2026-11-25": the earliest expiry the form offers. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The instant a key chosen to expire on `day` (a date input's "YYYY-MM-DD") stops working: the end of that day in the
 * trader's time, so the key works all of the day chosen. Null for a value that is not a date.
 */
export function expiryInstant(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return new Date(year, month - 1, date + 1);
}

export function expiryRule(value: string, now = new Date()): string | null {
  if (value === '') return null;
  const instant = expiryInstant(value);
  if (!instant) return 'Enter a date, or leave it empty.';
  return instant.getTime() <= now.getTime() ? 'Choose today or a later day.' : null;
}

/** The allowlist as the API takes it: one entry per line, blank lines and surrounding spaces dropped. */
export function allowlistEntries(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Only the count is checked here; whether each line is an address or a range, the API says (naming the line). */
export function allowlistRule(value: string): string | null {
  const entries = allowlistEntries(value);
  return entries.length > MAX_ALLOWED_IPS ? `List at most ${MAX_ALLOWED_IPS} addresses or ranges (this has ${entries.length}).` : null;
}
