import type { PagePosition } from './Pager';

/**
 * The page of a list kept in the address (the order history, the admin lists): `after` (read forward from the end of the
 * page before), or `before` (read backward to the start of the page after), and the page's number (`page`, from 1).
 */
export function readPosition(params: URLSearchParams): PagePosition {
  const after = params.get('after') || null;
  const before = after ? null : params.get('before') || null;
  const page = Number(params.get('page'));
  return { after, before, page: Number.isInteger(page) && page > 0 ? page : after || before ? 2 : 1 };
}

/** The address of a page of a list: the list's own parameters (filters), then the page's (none for page one). */
export function withPosition(params: URLSearchParams, position: PagePosition): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of ['after', 'before', 'page']) next.delete(name);
  if (position.after) next.set('after', position.after);
  if (position.before) next.set('before', position.before);
  if (position.page > 1) next.set('page', String(position.page));
  return next;
}
