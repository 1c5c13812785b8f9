import { performance } from 'node:perf_hooks';
import { GraphQLError } from 'graphql';
import { addressAllowed, ApiKeyHasher, apiKeyIdOf, ApiKeyStore, ApiKeyVerifier, isAllowlistEntry, newApiKeySecret } from '../src/api-keys';
import { createDatabase } from '../src/dynamodb/database';

describe('API key secrets', () => {
  test('are tk_<id>_<256 random bits>, each new, and their id is read back from them', () => {
    const secrets = Array.from({ length: 100 }, () => newApiKeySecret());
    expect(new Set(secrets.map((key) => key.secret)).size).toBe(100);
    for (const { id, secret } of secrets) {
      expect(secret).toMatch(/^tk_[0-9a-f]{24}_[A-Za-z0-9_-]{43}$/);
      expect(apiKeyIdOf(secret)).toBe(id);
    }
    for (const wrong of [
      '',
      'tk_',
      `tk_${'0'.repeat(24)}`,
      `tk_${'G'.repeat(24)}_${'a'.repeat(43)}`,
      `tk_${'0'.repeat(24)}_${'a'.repeat(42)}`,
      `Tk_${'0'.repeat(24)}_${'a'.repeat(43)}`,
    ]) {
      expect(apiKeyIdOf(wrong)).toBeNull();
    }
  });

  test('are hashed with a key of the backend secret: another secret, another hash', () => {
    const { secret } = newApiKeySecret();
    const hasher = new ApiKeyHasher('a-backend-secret-that-is-long-enough-1');
    const hash = hasher.hash(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.matches(secret, hash)).toBe(true);
    expect(hasher.matches(`${secret.slice(0, -1)}x`, hash)).toBe(false);
    expect(new ApiKeyHasher('another-backend-secret-long-enough-22').hash(secret)).not.toBe(hash);
    expect(hasher.matches(secret, 'not hex')).toBe(false);
  });

  test('are checked in a time that does not depend on how much of a guess is right', () => {
    const hasher = new ApiKeyHasher('a-backend-secret-that-is-long-enough-1');
    const { secret } = newApiKeySecret();
    const hash = hasher.hash(secret);
    const nearlyRight = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    const allWrong = `${secret.slice(0, 28)}${'-'.repeat(43)}`;
    const time = (guess: string) => {
      const start = performance.now();
      for (let i = 0; i < 20_000; i += 1) hasher.matches(guess, hash);
      return performance.now() - start;
    };
    // Interleaved rounds in alternating order, the median of each: a shared machine's noise cancels out, a check that
    // stopped at the first wrong character (before or instead of hashing) would not.
    time(nearlyRight);
    time(allWrong);
    const rounds: [number, number][] = [];
    for (let round = 0; round < 11; round += 1) {
      if (round % 2) {
        const right = time(nearlyRight);
        rounds.push([right, time(allWrong)]);
      } else {
        const wrong = time(allWrong);
        rounds.push([time(nearlyRight), wrong]);
      }
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(rounds.map(([right]) => right)) / median(rounds.map(([, wrong]) => wrong));
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.33);
  });
});

describe('allowlists', () => {
  test('take IPv4 and IPv6 addresses and CIDR ranges, nothing else', () => {
    for (const entry of ['203.0.113.7', '203.0.113.0/24', '0.0.0.0/0', '2001:db8::1', '2001:db8::/32']) expect(isAllowlistEntry(entry)).toBe(true);
    for (const entry of ['', 'localhost', '203.0.113.0/33', '203.0.113.0/', '2001:db8::/129', '10.0.0.1/8/8', '10.0.0.1/+8', '999.1.1.1']) {
      expect(isAllowlistEntry(entry)).toBe(false);
    }
  });

  test('let through the addresses within them only; an empty list lets everyone through', () => {
    const list = ['203.0.113.0/24', '2001:db8::1'];
    expect(addressAllowed(list, '203.0.113.200')).toBe(true);
    expect(addressAllowed(list, '::ffff:203.0.113.9')).toBe(true);
    expect(addressAllowed(list, '2001:db8::1')).toBe(true);
    expect(addressAllowed(list, '203.0.114.1')).toBe(false);
    expect(addressAllowed(list, '2001:db8::2')).toBe(false);
    expect(addressAllowed(list, undefined)).toBe(false);
    expect(addressAllowed(list, 'unknown')).toBe(false);
    expect(addressAllowed([], '198.51.100.1')).toBe(true);
  });
});

describe('the verifier', () => {
  test('answers SERVICE_UNAVAILABLE (503, Retry-After), not a verdict on the key, when the database cannot be read', async () => {
    // A real client of a DynamoDB endpoint that is not there (nothing listens on port 9 of this machine).
    const db = createDatabase({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', tablePrefix: 'nowhere-' });
    const verifier = new ApiKeyVerifier(new ApiKeyStore(db), new ApiKeyHasher('a-backend-secret-that-is-long-enough-1'));
    try {
      const refusal = await verifier.verify(newApiKeySecret().secret, '127.0.0.1').catch((error: GraphQLError) => error);
      expect(refusal).toBeInstanceOf(GraphQLError);
      expect((refusal as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', http: { status: 503 } });
    } finally {
      await verifier.close();
      db.close();
    }
  }, 20_000);
});
