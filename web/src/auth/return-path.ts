import type { SignInState } from '../session/RequireAuth';

/** Where to go after signing in: back where the trader came from, never off this site. */
export function returnPath(state: unknown, fallback = '/dashboard'): string {
  const from = (state as SignInState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : fallback;
}
