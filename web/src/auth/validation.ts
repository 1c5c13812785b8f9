/**
 * The same rules the users subgraph applies (subgraphs/users/src/domain/validation.ts), checked as the trader types
 * so most mistakes never reach the server. The server stays the authority: its refusals are shown too.
 */

const USERNAME = /^[A-Za-z0-9_.-]{3,30}$/;
const EMAIL = /^[^\s@"<>()[\]\\,;:]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+?[0-9 ()-]{6,24}$/;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} '.-]{0,99}$/u;
const MAX_PASSWORD_BYTES = 72;

/** An error message for the value, or null when it is acceptable. */
export type Rule = (value: string) => string | null;

export const usernameRule: Rule = (value) =>
  value === '' ? 'Choose a username.' : USERNAME.test(value) ? null : 'Use 3 to 30 letters, digits, underscores, dots or hyphens.';

export const emailRule: Rule = (value) => {
  const email = value.trim();
  if (email === '') return 'Enter your email address.';
  return email.length <= 254 && EMAIL.test(email) ? null : 'Enter an email address such as ada@example.com.';
};

export const passwordRule: Rule = (value) => {
  if (value === '') return 'Choose a password.';
  if ([...value].length < 8) return 'Use at least 8 characters.';
  if (new TextEncoder().encode(value).length > MAX_PASSWORD_BYTES) return 'Use at most 72 bytes (fewer characters).';
  return null;
};

export const nameRule =
  (what: string): Rule =>
  (value) => {
    const name = value.trim().normalize('NFC');
    if (name === '') return `Enter your ${what}.`;
    return NAME.test(name) ? null : 'Use letters, spaces, apostrophes, hyphens or dots (at most 100).';
  };

export const phoneRule: Rule = (value) => {
  const phone = value.trim();
  if (phone === '') return null;
  const digits = phone.replace(/\D/g, '').length;
  return PHONE.test(phone) && digits >= 6 && digits <= 15 ? null : 'Use 6 to 15 digits, e.g. +44 20 7946 0958.';
};

export const requiredRule =
  (message: string): Rule =>
  (value) =>
    value.trim() === '' ? message : null;
