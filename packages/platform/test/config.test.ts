import path from 'node:path';
import { commonConfigShape, ConfigError, DEFAULT_DATA_DIR, loadConfig, portSetting } from '../src/config';
import { thrownBy } from './support';

/** The ConfigError fn throws. */
const configError = (fn: () => unknown): ConfigError => thrownBy(ConfigError, fn);

const goodSecret = 'x'.repeat(32);

describe('loadConfig(commonConfigShape)', () => {
  it('falls back to the documented defaults with an empty environment', () => {
    expect(loadConfig(commonConfigShape, {})).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DATA_DIR: DEFAULT_DATA_DIR,
      AWS_REGION: 'us-east-1',
      DYNAMODB_TABLE_PREFIX: 'trading-',
      JWT_ISSUER: 'trading-platform',
      JWT_AUDIENCE: 'trading-api',
      JWT_TTL_SECONDS: 900,
      AUDIT_RETENTION_DAYS: 365,
      REDIS_KEY_PREFIX: 'trading:',
    });
  });

  it('puts the default data folder at the repository root', () => {
    const repoRoot = path.resolve(__dirname, '../../..');
    expect(DEFAULT_DATA_DIR).toBe(path.join(repoRoot, '.data'));
  });

  it('treats empty strings as unset', () => {
    const emptied = Object.fromEntries(Object.keys(commonConfigShape).map((key) => [key, '']));
    expect(loadConfig(commonConfigShape, emptied)).toEqual(loadConfig(commonConfigShape, {}));
  });

  it('reads set values, converting numbers', () => {
    const config = loadConfig(commonConfigShape, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/trading',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      AWS_REGION: 'eu-west-1',
      DYNAMODB_TABLE_PREFIX: 'staging.trading_',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: goodSecret,
      JWT_ISSUER: 'iss',
      JWT_AUDIENCE: 'aud',
      JWT_TTL_SECONDS: '120',
    });
    expect(config).toEqual({
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/var/lib/trading',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
      AWS_REGION: 'eu-west-1',
      DYNAMODB_TABLE_PREFIX: 'staging.trading_',
      REDIS_URL: 'redis://cache:6379',
      JWT_SECRET: goodSecret,
      JWT_ISSUER: 'iss',
      JWT_AUDIENCE: 'aud',
      JWT_TTL_SECONDS: 120,
      AUDIT_RETENTION_DAYS: 365,
      REDIS_KEY_PREFIX: 'trading:',
    });
  });

  it('ignores variables it does not know', () => {
    const config = loadConfig(commonConfigShape, { PATH: '/usr/bin', HOME: '/root' });
    expect(config).not.toHaveProperty('PATH');
    expect(config).not.toHaveProperty('HOME');
  });

  it('reports every bad value at once, each by variable name', () => {
    const error = configError(() =>
      loadConfig(commonConfigShape, { DYNAMODB_ENDPOINT: 'not a url', LOG_LEVEL: 'loud', JWT_TTL_SECONDS: 'soon', AWS_REGION: 'us-east-2' }),
    );
    expect(error.problems).toHaveLength(3);
    const named = (name: string) => error.problems.filter((problem) => problem.startsWith(`${name}:`));
    expect(named('DYNAMODB_ENDPOINT')).toHaveLength(1);
    expect(named('LOG_LEVEL')).toHaveLength(1);
    expect(named('JWT_TTL_SECONDS')).toHaveLength(1);
    for (const name of ['DYNAMODB_ENDPOINT', 'LOG_LEVEL', 'JWT_TTL_SECONDS']) expect(error.message).toContain(name);
    expect(error.message).not.toContain('AWS_REGION');
  });

  it('shows the offending value of an ordinary variable so it can be fixed', () => {
    const error = configError(() => loadConfig(commonConfigShape, { LOG_LEVEL: 'loud' }));
    expect(error.message).toContain('"loud"');
  });

  it.each([
    ['below the minimum', '59'],
    ['above a day', String(24 * 3600 + 1)],
    ['fractional', '90.5'],
  ])('refuses a JWT_TTL_SECONDS %s', (_what, value) => {
    const error = configError(() => loadConfig(commonConfigShape, { JWT_TTL_SECONDS: value }));
    expect(error.problems).toEqual([expect.stringMatching(/^JWT_TTL_SECONDS:/)]);
  });

  it('accepts JWT_TTL_SECONDS at its bounds', () => {
    expect(loadConfig(commonConfigShape, { JWT_TTL_SECONDS: '60' }).JWT_TTL_SECONDS).toBe(60);
    expect(loadConfig(commonConfigShape, { JWT_TTL_SECONDS: String(24 * 3600) }).JWT_TTL_SECONDS).toBe(24 * 3600);
  });

  it('refuses a table prefix with characters DynamoDB table names cannot hold', () => {
    const error = configError(() => loadConfig(commonConfigShape, { DYNAMODB_TABLE_PREFIX: 'my tables/' }));
    expect(error.problems).toEqual([expect.stringMatching(/^DYNAMODB_TABLE_PREFIX:/)]);
  });

  it('never echoes a secret value, even next to other problems', () => {
    const secret = 'hunter2-short-secret';
    const error = configError(() => loadConfig(commonConfigShape, { JWT_SECRET: secret, LOG_LEVEL: 'loud' }));
    expect(error.problems.some((problem) => problem.startsWith('JWT_SECRET:'))).toBe(true);
    expect(error.message).toContain('32');
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('hunter2');
    expect(error.problems.join('\n')).not.toContain(secret);
    expect(error.message).toContain('"loud"');
  });

  it('accepts a 32-character JWT_SECRET', () => {
    expect(loadConfig(commonConfigShape, { JWT_SECRET: goodSecret }).JWT_SECRET).toBe(goodSecret);
  });

  const randomSecret = 'q8Zt3vLw0pXe7RkN2mYc5HbJ9sFd4GuA'; // 32 characters, many distinct
  const otherRandomSecret = 'Vn6Qe1Wr8Ty3Ui0Op5As2Df7Gh4Jk9Lz';

  it('refuses production without JWT_SECRET and INTERNAL_SECRET, naming both', () => {
    const error = configError(() => loadConfig(commonConfigShape, { NODE_ENV: 'production' }));
    expect(error.problems).toEqual([expect.stringMatching(/^JWT_SECRET:.*production/), expect.stringMatching(/^INTERNAL_SECRET:.*production/)]);
  });

  it('refuses production with an empty JWT_SECRET', () => {
    const error = configError(() => loadConfig(commonConfigShape, { NODE_ENV: 'production', JWT_SECRET: '', INTERNAL_SECRET: otherRandomSecret }));
    expect(error.problems).toEqual([expect.stringMatching(/^JWT_SECRET:/)]);
  });

  it.each(['changeme'.repeat(4), 'x'.repeat(40), '0123456789'.repeat(4)])('refuses production with the placeholder secret %s', (placeholder) => {
    const error = configError(() =>
      loadConfig(commonConfigShape, { NODE_ENV: 'production', JWT_SECRET: placeholder, INTERNAL_SECRET: otherRandomSecret }),
    );
    expect(error.problems).toEqual([expect.stringMatching(/^JWT_SECRET: looks like a placeholder/)]);
    expect(error.message).not.toContain(placeholder);
  });

  it('accepts production with random secrets', () => {
    expect(loadConfig(commonConfigShape, { NODE_ENV: 'production', JWT_SECRET: randomSecret, INTERNAL_SECRET: otherRandomSecret })).toMatchObject({
      NODE_ENV: 'production',
      JWT_SECRET: randomSecret,
    });
  });

  it('refuses an unknown NODE_ENV', () => {
    const error = configError(() => loadConfig(commonConfigShape, { NODE_ENV: 'prod' }));
    expect(error.problems).toEqual([expect.stringMatching(/^NODE_ENV:/)]);
  });

  it('is a ConfigError an operator can recognise', () => {
    const error = configError(() => loadConfig(commonConfigShape, { LOG_LEVEL: 'loud' }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Invalid configuration:/);
  });
});

describe('portSetting', () => {
  const shape = { PORT: portSetting(4001) };

  it('defaults when unset or empty', () => {
    expect(loadConfig(shape, {}).PORT).toBe(4001);
    expect(loadConfig(shape, { PORT: '' }).PORT).toBe(4001);
  });

  it.each([
    ['0', 0],
    ['1', 1],
    ['8080', 8080],
    ['65535', 65535],
  ])('accepts %s', (raw, port) => {
    expect(loadConfig(shape, { PORT: raw }).PORT).toBe(port);
  });

  it.each(['65536', '-1', '80.5', 'http', '99999999', ' ', '0x50', '1e3'])('refuses %j, naming PORT', (raw) => {
    const error = configError(() => loadConfig(shape, { PORT: raw }));
    expect(error.problems).toEqual([expect.stringMatching(/^PORT:/)]);
  });

  it('reports a bad port together with bad common settings', () => {
    const error = configError(() => loadConfig({ ...commonConfigShape, ...shape }, { PORT: '70000', LOG_LEVEL: 'loud' }));
    expect(error.problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT']);
  });
});
