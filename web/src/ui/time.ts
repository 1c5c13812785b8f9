const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const SHORT_DATE_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function format(iso: string, formatter: Intl.DateTimeFormat): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

/** A `DateTime` scalar as local date and time, e.g. "25 Nov 2026, 15:10". */
export function formatDateTime(iso: string): string {
  return format(iso, DATE_TIME);
}

/** The same, short enough for a table cell, e.g. "25 Nov, 15:10". */
export function formatShortDateTime(iso: string): string {
  return format(iso, SHORT_DATE_TIME);
}
