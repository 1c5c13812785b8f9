import { Field } from './Field';

/** The "From" and "To" day fields of a filter form, each bounded by the other; `error` is shown on "To". */
export function DayRangeFields({
  idPrefix,
  from,
  to,
  error,
  onChange,
}: {
  idPrefix: string;
  from: string;
  to: string;
  error: string | undefined;
  onChange: (changes: { from: string } | { to: string }) => void;
}) {
  return (
    <>
      <Field
        id={`${idPrefix}-from`}
        label="From"
        type="date"
        value={from}
        max={to || undefined}
        onChange={(event) => onChange({ from: event.target.value })}
      />
      <Field
        id={`${idPrefix}-to`}
        label="To"
        type="date"
        value={to}
        min={from || undefined}
        error={error}
        onChange={(event) => onChange({ to: event.target.value })}
      />
    </>
  );
}
