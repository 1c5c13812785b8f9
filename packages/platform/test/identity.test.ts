import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import {
  identityFromAuthorization,
  issueToken,
  requireIdentity,
  requireSelfOrAdmin,
  resolveJwtSecret,
  verifyToken,
  type Identity,
  type JwtSettings,
} from '../src/identity';
import { thrownBy } from './support';

/** The GraphQLError fn throws. */
const refusal = (fn: () => unknown): GraphQLError => thrownBy(GraphQLError, fn);

const settings: JwtSettings = {
  secret: 'a-test-secret-that-is-long-enough-0123456789',
  issuer: 'trading-platform',
  audience: 'trading-api',
  ttlSeconds: 900,
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs claims with full control, for tokens our issuer would never make. */
function forge(claims: Record<string, unknown>, secret: jwt.Secret = settings.secret, algorithm: jwt.Algorithm = 'HS256'): string {
  return jwt.sign(
    { sub: 'u-1', role: 'CUSTOMER', sid: 's-1', iss: settings.issuer, aud: settings.audience, exp: nowSeconds() + 300, ...claims },
    secret,
    {
      algorithm,
    },
  );
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function expectRefused(token: string, reason: 'TOKEN_EXPIRED' | 'TOKEN_INVALID'): GraphQLError {
  const error = refusal(() => verifyToken(settings, token));
  expect(error.extensions.code).toBe('UNAUTHENTICATED');
  expect(error.extensions.reason).toBe(reason);
  return error;
}

describe('issueToken and verifyToken', () => {
  it("round-trips the user, the role and the token's id", () => {
    const token = issueToken(settings, { userId: 'u-42', role: 'CUSTOMER', sessionId: 's-1' });
    const { jti, exp } = jwt.decode(token) as jwt.JwtPayload;
    // The expiry travels with the identity, so no transport decodes the token again to learn it.
    expect(exp).toBeGreaterThan(Date.now() / 1000);
    expect(verifyToken(settings, token)).toEqual({ userId: 'u-42', role: 'CUSTOMER', sessionId: 's-1', tokenId: jti, expiresAt: exp });

    const adminToken = issueToken(settings, { userId: 'admin-1', role: 'ADMIN', sessionId: 's-1' });
    expect(verifyToken(settings, adminToken)).toMatchObject({ userId: 'admin-1', role: 'ADMIN' });
  });

  it('signs HS256 with sub, role, iat, exp, iss, aud and a unique jti', () => {
    const before = nowSeconds();
    const token = issueToken(settings, { userId: 'u-42', role: 'CUSTOMER', sessionId: 's-1' });
    const after = nowSeconds();
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new Error('token payload is not JSON claims');
    expect(decoded.header.alg).toBe('HS256');
    const claims = decoded.payload;
    expect(claims.sub).toBe('u-42');
    expect(claims.role).toBe('CUSTOMER');
    expect(claims.iss).toBe(settings.issuer);
    expect(claims.aud).toBe(settings.audience);
    expect(typeof claims.jti).toBe('string');
    expect(claims.jti).not.toBe('');
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(after);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(settings.ttlSeconds);

    const again = jwt.decode(issueToken(settings, { userId: 'u-42', role: 'CUSTOMER', sessionId: 's-1' }), { json: true });
    expect(again?.jti).not.toBe(claims.jti);
  });

  it('refuses an expired token as TOKEN_EXPIRED, telling the user to sign in again', () => {
    const error = expectRefused(forge({ iat: nowSeconds() - 3600, exp: nowSeconds() - 60 }), 'TOKEN_EXPIRED');
    expect(error.message).toMatch(/expired/i);
  });

  it('refuses a token issued with a ttl that has passed', () => {
    const token = issueToken({ ...settings, ttlSeconds: -1 }, { userId: 'u-1', role: 'CUSTOMER', sessionId: 's-1' });
    expectRefused(token, 'TOKEN_EXPIRED');
  });

  it('does not call a forged expired token "expired"', () => {
    expectRefused(forge({ exp: nowSeconds() - 60 }, 'another-secret-that-is-long-enough-012345'), 'TOKEN_INVALID');
  });

  it.each([
    ['signed with another secret', () => forge({}, 'another-secret-that-is-long-enough-012345')],
    ['from another issuer', () => forge({ iss: 'someone-else' })],
    ['for another audience', () => forge({ aud: 'another-api' })],
    ['without a subject', () => forge({ sub: undefined })],
    ['without a session (it could never be revoked)', () => forge({ sid: undefined })],
    ['with a numeric subject', () => forge({ sub: 42 })],
    ['with an unknown role', () => forge({ role: 'SUPERUSER' })],
    ['without a role', () => forge({ role: undefined })],
    ['with a lowercase role', () => forge({ role: 'admin' })],
    ['signed HS512 with the same secret (the algorithm is pinned to HS256)', () => forge({}, settings.secret, 'HS512')],
    ['signed HS384 with the same secret', () => forge({}, settings.secret, 'HS384')],
    [
      'with alg none and no signature',
      () =>
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'u-1', role: 'ADMIN', iss: settings.issuer, aud: settings.audience, exp: nowSeconds() + 300 })}.`,
    ],
    [
      'with alg none and a copied signature',
      () => {
        const [, , signature] = forge({}).split('.');
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'u-1', role: 'ADMIN', iss: settings.issuer, aud: settings.audience })}.${signature}`;
      },
    ],
    [
      'whose payload was edited after signing',
      () => {
        const [header, , signature] = forge({ role: 'CUSTOMER' }).split('.');
        return `${header}.${base64url({ sub: 'u-1', role: 'ADMIN', iss: settings.issuer, aud: settings.audience, exp: nowSeconds() + 300 })}.${signature}`;
      },
    ],
    [
      'signed RS256 by some key pair',
      () => {
        const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
        return forge({}, privateKey, 'RS256');
      },
    ],
    ['that is garbage', () => 'not-a-token'],
    ['that is three garbage parts', () => 'a.b.c'],
    ['that is empty', () => ''],
  ])('refuses a token %s as TOKEN_INVALID', (_what, makeToken) => {
    expectRefused(makeToken(), 'TOKEN_INVALID');
  });

  it('accepts a token forged exactly like ours, so the refusals above are about what they change', () => {
    expect(verifyToken(settings, forge({})).userId).toBe('u-1');
  });
});

describe('identityFromAuthorization', () => {
  const token = issueToken(settings, { userId: 'u-7', role: 'CUSTOMER', sessionId: 's-1' });

  it.each([undefined, null, ''])('treats %j as anonymous', (header) => {
    expect(identityFromAuthorization(settings, header)).toBeNull();
  });

  it('reads a valid Bearer token', () => {
    expect(identityFromAuthorization(settings, `Bearer ${token}`)).toMatchObject({ userId: 'u-7', role: 'CUSTOMER' });
  });

  it.each([
    ['a lowercase scheme', () => `bearer ${token}`],
    ['another scheme', () => 'Basic abc'],
    ['Bearer alone', () => 'Bearer'],
    ['Bearer and a space', () => 'Bearer '],
    ['two tokens', () => `Bearer ${token} ${token}`],
    ['Bearer a b', () => 'Bearer a b'],
    ['a bare token', () => token],
    ['only spaces', () => '   '],
    ['an invalid token', () => 'Bearer x'],
  ])('refuses %s as UNAUTHENTICATED rather than anonymous', (_what, header) => {
    const error = refusal(() => identityFromAuthorization(settings, header()));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.extensions.reason).toBe('TOKEN_INVALID');
  });

  it('passes on TOKEN_EXPIRED for an expired Bearer token', () => {
    const expired = forge({ exp: nowSeconds() - 60 });
    const error = refusal(() => identityFromAuthorization(settings, `Bearer ${expired}`));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.extensions.reason).toBe('TOKEN_EXPIRED');
  });
});

describe('requireIdentity and requireSelfOrAdmin', () => {
  const customer: Identity = { userId: 'u-1', role: 'CUSTOMER', sessionId: 's-1' };
  const admin: Identity = { userId: 'admin-1', role: 'ADMIN', sessionId: 's-2' };

  it('returns the identity of a signed-in caller', () => {
    expect(requireIdentity(customer)).toBe(customer);
  });

  it('refuses an anonymous caller as UNAUTHENTICATED, naming what needed sign-in', () => {
    const error = refusal(() => requireIdentity(null, 'your portfolio'));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    expect(error.message).toContain('your portfolio');
  });

  it('lets users read their own data', () => {
    expect(requireSelfOrAdmin(customer, 'u-1')).toBe(customer);
  });

  it("lets an admin read anyone's data", () => {
    expect(requireSelfOrAdmin(admin, 'u-1')).toBe(admin);
    expect(requireSelfOrAdmin(admin, 'admin-1')).toBe(admin);
  });

  it("refuses a customer reading another user's data as FORBIDDEN", () => {
    const error = refusal(() => requireSelfOrAdmin(customer, 'u-2', 'the ledger'));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toContain('the ledger');
  });

  it('refuses an anonymous caller as UNAUTHENTICATED, not FORBIDDEN', () => {
    const error = refusal(() => requireSelfOrAdmin(null, 'u-1'));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('resolveJwtSecret', () => {
  const tempDirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-secret-test-'));
    tempDirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns JWT_SECRET when set, writing nothing', () => {
    const dataDir = path.join(tempDir(), 'data');
    expect(resolveJwtSecret({ JWT_SECRET: settings.secret, DATA_DIR: dataDir })).toBe(settings.secret);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('without JWT_SECRET, generates a strong secret into a file only the owner can read', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const secret = resolveJwtSecret({ DATA_DIR: dataDir });
    expect(secret.length).toBeGreaterThanOrEqual(32);

    const files = fs.readdirSync(dataDir);
    expect(files).toHaveLength(1);
    const file = path.join(dataDir, files[0] ?? '');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(secret);
  });

  it('returns the same secret on later calls, and a different one for another folder', () => {
    const dataDir = tempDir();
    const first = resolveJwtSecret({ DATA_DIR: dataDir });
    expect(resolveJwtSecret({ DATA_DIR: dataDir })).toBe(first);
    expect(resolveJwtSecret({ JWT_SECRET: undefined, DATA_DIR: dataDir })).toBe(first);
    expect(resolveJwtSecret({ DATA_DIR: tempDir() })).not.toBe(first);
  });

  it('gives processes racing to create it the same, complete secret', async () => {
    // Six processes start at once on a fresh folder, as the services of a multi-process setup do.
    const dataDir = tempDir();
    const script = `const { resolveJwtSecret } = require(${JSON.stringify(require.resolve('../src/identity'))}); process.stdout.write(resolveJwtSecret({ DATA_DIR: ${JSON.stringify(dataDir)} }));`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', '-e', script], (error, stdout) => (error ? reject(error) : resolve(stdout)));
      });
    const secrets = await Promise.all(Array.from({ length: 6 }, run));
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
    expect(new Set(secrets).size).toBe(1);
    expect(fs.readdirSync(dataDir)).toEqual(['jwt-secret']);
  }, 20_000);

  it('signs tokens that verify with the secret read back later', () => {
    const dataDir = tempDir();
    const fromFirstProcess = { ...settings, secret: resolveJwtSecret({ DATA_DIR: dataDir }) };
    const fromRestart = { ...settings, secret: resolveJwtSecret({ DATA_DIR: dataDir }) };
    const token = issueToken(fromFirstProcess, { userId: 'u-1', role: 'CUSTOMER', sessionId: 's-1' });
    expect(verifyToken(fromRestart, token).userId).toBe('u-1');
  });
});
