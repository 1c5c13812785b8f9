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
