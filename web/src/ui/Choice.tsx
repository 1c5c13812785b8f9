export interface ChoiceProps<T extends string> {
  /** What is being chosen, read before the options ("Side", "Range"). */
  legend: string;
  /** The radio group's name, unique on the page. */
  name: string;
  value: T;
  /** Each option's value and its visible label. */
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
  /** Extra class names for the fieldset (e.g. "compact"). */
  className?: string;
}

/** One of a few options as a row of segmented buttons: native radios in a fieldset, so keyboards and screen readers know them. */
export function Choice<T extends string>({ legend, name, value, options, onChange, className }: ChoiceProps<T>) {
  return (
    <fieldset className={`segmented${className ? ` ${className}` : ''}`}>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option} className={value === option ? 'selected' : undefined}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
