import { decodeTime, isValid } from 'ulid';
import { firstIdAt, newId } from '../src/ids';

test('new ids are valid ULIDs of now, all different, sortable by time, with random parts spread over the alphabet', async () => {
  const before = Date.now();
  const ids = Array.from({ length: 20_000 }, () => newId());
  expect(ids.every(isValid)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  expect(decodeTime(ids[0]!)).toBeGreaterThanOrEqual(before);
  expect(decodeTime(ids.at(-1)!)).toBeLessThanOrEqual(Date.now());
  await new Promise((resolve) => setTimeout(resolve, 3));
  expect(newId() > ids[0]!).toBe(true);
  // 20,000 ids x 16 random characters: each of the 32 characters turns up about 10,000 times.
  const counts = new Map<string, number>();
  for (const id of ids) for (const char of id.slice(10)) counts.set(char, (counts.get(char) ?? 0) + 1);
  expect(counts.size).toBe(32);
  for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(600);
});

test('an id made at an instant carries it, and firstIdAt bounds the ids of that instant and later', () => {
  const at = Date.UTC(2026, 2, 2, 10, 0, 0, 123);
  const id = newId(at);
  expect(decodeTime(id)).toBe(at);
  expect(firstIdAt(at) <= id).toBe(true);
  expect(firstIdAt(at + 1) > id).toBe(true);
  expect(newId(at - 1) < firstIdAt(at)).toBe(true);
  // Before 1970 and beyond ULID's range the bound is the first or last instant ULIDs can hold.
  expect(firstIdAt(-5)).toBe('0'.repeat(26));
  expect(firstIdAt(Number.MAX_SAFE_INTEGER)).toBe(`${'7ZZZZZZZZZ'}${'0'.repeat(16)}`);
});
