export interface PagerProps {
  /** The navigation's accessible name, e.g. "Pages" or "Ledger pages". */
  label: string;
  /** The page shown, from 1. */
  page: number;
  /** How many pages there are, when the list says (a connection's totalCount); else only the page is shown. */
  pages?: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  previousText?: string;
  nextText?: string;
}

/** Previous and next through a cursor-paged list, with where the trader is. */
export function Pager({ label, page, pages, hasPrevious, hasNext, onPrevious, onNext, previousText = 'Previous', nextText = 'Next' }: PagerProps) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button secondary" disabled={!hasPrevious} onClick={onPrevious}>
        {previousText}
      </button>
      <span aria-live="polite">{pages ? `Page ${page} of ${pages}` : `Page ${page}`}</span>
      <button type="button" className="button secondary" disabled={!hasNext} onClick={onNext}>
        {nextText}
      </button>
    </nav>
  );
}

/**
 * Where a pager is in a cursor-paged list, with nothing kept of the pages before: the page shown was read forward
 * from `after` (the end cursor of the page before), or backward to `before` (the start cursor of the page after), or
 * is the first page. `page` only labels it.
 */
export interface PagePosition {
  after: string | null;
  before: string | null;
  page: number;
}

export const FIRST_PAGE: PagePosition = { after: null, before: null, page: 1 };

/** What a page's connection says of its place (the Relay PageInfo). */
export interface PageSides {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** The connection arguments for a position: `first`/`after`, or `last`/`before` for a page reached by Previous. */
export function pageVariables(position: PagePosition, size: number): { first: number; after: string | null } | { last: number; before: string } {
  return position.before ? { last: size, before: position.before } : { first: size, after: position.after };
}

/** The page after the one shown: forward from its end. */
export function nextPage(position: PagePosition, sides: PageSides): PagePosition {
  return { after: sides.endCursor ?? null, before: null, page: shownPage(position, sides) + 1 };
}

/** The page before the one shown: the items just before its start, read backward. */
export function previousPage(position: PagePosition, sides: PageSides): PagePosition {
  return sides.startCursor ? { after: null, before: sides.startCursor, page: Math.max(1, shownPage(position, sides) - 1) } : FIRST_PAGE;
}

/** The number to show for a page: 1 when nothing comes before it, else at least 2 (items may have come in on top). */
export function shownPage(position: PagePosition, sides: PageSides): number {
  return sides.hasPreviousPage ? Math.max(2, position.page) : 1;
}
