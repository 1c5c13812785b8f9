import { GraphQLError } from 'graphql';
import { validEmail, validName, validPassword, validPhone, validUsername } from '../src/domain/validation';

function refusal(fn: () => unknown): { code: unknown; field: unknown } {
  try {
    fn();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions.code, field: error.extensions.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

test.each(['abc', 'Ada_Lovelace', 'a.b-c_1', 'x'.repeat(30)])('accepts the username %s', (name) => {
  expect(validUsername(name)).toBe(name);
});
test.each(['ab', 'x'.repeat(31), 'has space', 'semi;colon', 'émile', '', 'a\nb'])('refuses the username %j', (name) => {
  expect(refusal(() => validUsername(name))).toEqual({ code: 'BAD_USER_INPUT', field: 'username' });
});

test.each(['ada@example.com', 'a.b+tag@sub.example.co.uk', ' ada@example.com '])('accepts the email %j (trimmed)', (email) => {
  expect(validEmail(email)).toBe(email.trim());
});
test.each([
  'ada',
  'ada@',
  '@example.com',
  'ada@example',
  'a da@example.com',
  'ada@@example.com',
  `${'a'.repeat(65)}@example.com`,
  `a@${'b'.repeat(250)}.com`,
])('refuses the email %j', (email) => {
  expect(refusal(() => validEmail(email))).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
});

test('passwords: at least 8 characters, at most 72 bytes (bcrypt ignores the rest)', () => {
  expect(validPassword('12345678')).toBe('12345678');
  expect(validPassword('x'.repeat(72))).toBe('x'.repeat(72));
  expect(refusal(() => validPassword('1234567'))).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
  expect(refusal(() => validPassword('x'.repeat(73)))).toEqual({ code: 'BAD_USER_INPUT', field: 'password' });
  // 37 two-byte characters are 74 bytes: too long although only 37 characters.
  expect(refusal(() => validPassword('é'.repeat(37), 'newPassword'))).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });
});

test('names keep letters of any script and refuse markup and control characters', () => {
  expect(validName('  Zoë  ', 'firstName')).toBe('Zoë');
  expect(validName("O'Brien-Smith", 'lastName')).toBe("O'Brien-Smith");
  expect(validName('李', 'lastName')).toBe('李');
  for (const bad of ['', '   ', '<script>', 'a\u0000b', 'x'.repeat(101), '123']) {
    expect(refusal(() => validName(bad, 'firstName'))).toEqual({ code: 'BAD_USER_INPUT', field: 'firstName' });
  }
});

test('phone numbers in international form', () => {
  expect(validPhone(' +44 20 7946 0958 ')).toBe('+44 20 7946 0958');
  expect(validPhone('(555) 123-4567')).toBe('(555) 123-4567');
  for (const bad of ['call me', '12345', '+'.repeat(8), '1'.repeat(25)]) expect(refusal(() => validPhone(bad)).field).toBe('phone');
});
