/**
 * A fresh idempotency key (clientOrderId, idempotencyKey): 32 hex digits, within the API's 1 to 64 of
 * `A-Z a-z 0-9 _ -`. `crypto.getRandomValues` works on plain http too, unlike `crypto.randomUUID`.
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
