import { useState } from 'react';
import type { Rule } from './validation';

/**
 * Form values with validation as you type: a field's error shows once the trader has typed in it or left it, and every
 * error shows after a submit attempt. Server errors for a field (BAD_USER_INPUT's `extensions.field`) show until the
 * field changes.
 */
export function useForm<TField extends string>(
  initial: Record<TField, string>,
  rules: Partial<Record<TField, Rule | ((value: string, values: Record<TField, string>) => string | null)>>,
) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<TField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<TField, string>>>({});

  const validate = (field: TField): string | null => rules[field]?.(values[field], values) ?? null;
  const fields = Object.keys(initial) as TField[];
  const invalid = fields.some((field) => validate(field) !== null);

  return {
    values,
    invalid,
    /** The error to show for a field now. */
    error(field: TField): string | null {
      if (serverErrors[field]) return serverErrors[field] ?? null;
      return touched[field] || submitted ? validate(field) : null;
    },
    /** Props for an input of this field. */
    bind(field: TField) {
      return {
        name: field,
        value: values[field],
        onChange: (event: { target: { value: string } }) => {
          const value = event.target.value;
          setValues((previous) => ({ ...previous, [field]: value }));
          setTouched((previous) => ({ ...previous, [field]: true }));
          setServerErrors((previous) => ({ ...previous, [field]: undefined }));
        },
        onBlur: () => setTouched((previous) => ({ ...previous, [field]: true })),
      };
    },
    /** Marks a submit attempt; true when every field is valid. */
    attemptSubmit(): boolean {
      setSubmitted(true);
      return !invalid;
    },
    setServerError(field: TField, message: string) {
      setServerErrors((previous) => ({ ...previous, [field]: message }));
    },
    reset(next: Record<TField, string> = initial) {
      setValues(next);
      setTouched({});
      setSubmitted(false);
      setServerErrors({});
    },
    hasField(name: string): name is TField {
      return (fields as string[]).includes(name);
    },
  };
}
