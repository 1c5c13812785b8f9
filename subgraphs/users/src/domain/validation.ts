import { ErrorCode, userError } from '@trading/platform';

const refuse = (field: string, message: string) => userError(ErrorCode.BAD_USER_INPUT, message, { field });

const USERNAME = /^[A-Za-z0-9_.-]{3,30}$/;
// Pragmatic: one @, no spaces, a dot in the domain; the real check is the confirmation mail a product would send.
const EMAIL = /^[^\s@"<>()[\]\\,;:]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE = /^\+?[0-9 ()-]{6,24}$/;
// Letters of any script, marks, spaces, apostrophes, hyphens and dots; no control or markup characters.
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} '.-]{0,99}$/u;
/** bcrypt reads only the first 72 bytes: longer passwords would be silently truncated. */
const MAX_PASSWORD_BYTES = 72;

/** A username: 3 to 30 of [A-Za-z0-9_.-]. */
export function validUsername(value: string): string {
  if (!USERNAME.test(value)) throw refuse('username', 'username must be 3 to 30 characters: letters, digits, underscore, dot or hyphen');
  return value;
}

/** An email address, trimmed; at most 254 characters. */
export function validEmail(value: string, field = 'email'): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw refuse(field, `${field} must be a valid email address such as "ada@example.com"`);
  return email;
}

/** A password: at least 8 characters and at most 72 bytes. */
export function validPassword(value: string, field = 'password'): string {
  if ([...value].length < 8) throw refuse(field, `${field} must be at least 8 characters`);
  if (Buffer.byteLength(value, 'utf8') > MAX_PASSWORD_BYTES) throw refuse(field, `${field} must be at most ${MAX_PASSWORD_BYTES} bytes`);
  return value;
}

/** A given or family name, trimmed: 1 to 100 characters of letters, spaces, apostrophes, hyphens, dots. */
export function validName(value: string, field: string): string {
  const name = value.trim().normalize('NFC');
  if (!NAME.test(name)) throw refuse(field, `${field} must be 1 to 100 letters (spaces, apostrophes, hyphens and dots allowed)`);
  return name;
}

/** A phone number: 6 to 15 digits (E.164), spaces, parentheses, hyphens, an optional leading +. */
export function validPhone(value: string): string {
  const phone = value.trim();
  const digits = phone.replace(/\D/g, '').length;
  // E.164 allows at most 15 digits.
  if (!PHONE.test(phone) || digits < 6 || digits > 15)
    throw refuse('phone', 'phone must have 6 to 15 digits, with spaces or ()- and an optional leading +');
  return phone;
}
