/** A labelled select of one of a few options, or none ("any"), as the list filters (orders, admin) offer them. */
export function Select<T extends string>({
  id,
  label,
  any,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  value: T | null;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T | null) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(event) => onChange(options.find(([option]) => option === event.target.value)?.[0] ?? null)}>
        <option value="">{any}</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
